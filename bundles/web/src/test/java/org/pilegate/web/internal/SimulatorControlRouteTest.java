package org.pilegate.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.web.internal.OperatorLoginRouteTest.json;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.sim.Fault;
import org.pilegate.sim.SimulatedVehicle;

import com.fasterxml.jackson.databind.JsonNode;

class SimulatorControlRouteTest {

    private final DepotSimulatorStub depot = new DepotSimulatorStub();
    private WebGateway gateway;
    private SimulatorControlRoute route;
    private String cookie;

    @BeforeEach
    void start() throws Exception {
        gateway = new WebGateway();
        route = new SimulatorControlRoute(gateway.http, gateway.access, depot);
        cookie = gateway.signedInTo(route);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void theControlsNeedASignIn() throws Exception {
        assertEquals(401, gateway.post("/api/operator/simulator/plug", "{\"pile\":\"sim-01\",\"vehicle\":\"EV\"}")
                .statusCode());
        assertTrue(depot.plugged.isEmpty());
    }

    @Test
    void plugsAVehicleWithDefaultsForWhatIsNotGiven() throws Exception {
        JsonNode pile = json(gateway.post("/api/operator/simulator/plug",
                "{\"pile\":\"sim-02\",\"vehicle\":\" EV-7 \",\"socPercent\":50}", "Cookie", cookie));

        assertEquals(new SimulatedVehicle(new VehicleId("EV-7"),
                SimulatorControlRoute.DEFAULT_CAPACITY_WH, 0.5), depot.plugged.get(1));
        assertEquals("sim-02", pile.path("pile").asText());
        assertEquals("EV-7", pile.path("vehicle").asText());
        assertEquals(50, pile.path("socPercent").asInt());
        JsonNode overview = json(gateway.get("/api/operator/simulator", "Cookie", cookie));
        assertEquals(3, overview.path("piles").size());
        assertEquals("B", overview.path("piles").get(1).path("plug").asText());
    }

    @Test
    void unplugsAndInjectsAndClearsFaults() throws Exception {
        gateway.post("/api/operator/simulator/plug", "{\"pile\":\"sim-3\",\"vehicle\":\"EV-1\"}", "Cookie", cookie);

        gateway.post("/api/operator/simulator/unplug", "{\"pile\":\"sim-03\"}", "Cookie", cookie);
        gateway.post("/api/operator/simulator/fault", "{\"pile\":\"sim-01\",\"device\":\"meter\","
                + "\"fault\":\"no-reply\"}", "Cookie", cookie);
        gateway.post("/api/operator/simulator/fault", "{\"pile\":\"sim-01\",\"device\":\"RELAY\","
                + "\"fault\":\"exception\"}", "Cookie", cookie);

        assertTrue(depot.plugged.isEmpty());
        assertEquals(Fault.noReply(), depot.faults.get("0/METER"));
        assertEquals(Fault.exception(4), depot.faults.get("0/RELAY"));
        gateway.post("/api/operator/simulator/fault", "{\"pile\":\"sim-01\",\"device\":\"meter\",\"fault\":\"none\"}",
                "Cookie", cookie);
        assertFalse(depot.faults.containsKey("0/METER"));
    }

    @Test
    void unknownPilesDevicesAndFaultsAreRefusedNamingThem() throws Exception {
        HttpResponse<String> pile = gateway.post("/api/operator/simulator/plug",
                "{\"pile\":\"sim-04\",\"vehicle\":\"EV-1\"}", "Cookie", cookie);
        HttpResponse<String> device = gateway.post("/api/operator/simulator/fault",
                "{\"pile\":\"sim-01\",\"device\":\"charger\",\"fault\":\"drop\"}", "Cookie", cookie);
        HttpResponse<String> fault = gateway.post("/api/operator/simulator/fault",
                "{\"pile\":\"sim-01\",\"device\":\"meter\",\"fault\":\"fire\"}", "Cookie", cookie);
        HttpResponse<String> soc = gateway.post("/api/operator/simulator/plug",
                "{\"pile\":\"sim-01\",\"vehicle\":\"EV-1\",\"socPercent\":140}", "Cookie", cookie);

        assertEquals(400, pile.statusCode());
        assertTrue(json(pile).path("message").asText().contains("sim-01 to sim-03"), pile.body());
        assertTrue(json(device).path("message").asText().contains("charger"), device.body());
        assertTrue(json(fault).path("message").asText().contains("fire"), fault.body());
        assertTrue(json(soc).path("message").asText().contains("140"), soc.body());
        assertTrue(depot.plugged.isEmpty() && depot.faults.isEmpty());
    }
}
