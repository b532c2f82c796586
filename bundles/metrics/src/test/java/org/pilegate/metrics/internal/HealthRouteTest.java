package org.pilegate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.builder.RouteBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileController;
import org.pilegate.metrics.HealthCheck;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.internal.ModbusManagerConfig;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.pilegate.routing.internal.GatewayHttpFixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HealthRouteTest {

    private final GatewayHttpFixture server = new GatewayHttpFixture();
    private final Server database;
    private final JdbcDataSource store = new JdbcDataSource();
    private final ModbusManagerImpl transport = new ModbusManagerImpl(Configs.of(ModbusManagerConfig.class,
            Map.of("maxRetries", 0, "timeoutMillis", 500, "schedulerThreads", 1)));
    private final FakePileController bay1 = new FakePileController("bay-01", 0);
    private final FakePileController bay2 = new FakePileController("bay-02", 0);

    HealthRouteTest() throws SQLException {
        database = Server.createTcpServer("-tcpPort", String.valueOf(GatewayHttpFixture.freePort()), "-ifNotExists")
                .start();
        store.setURL("jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:health;DB_CLOSE_DELAY=-1");
    }

    @AfterEach
    void stop() {
        server.close();
        transport.close();
        database.stop();
    }

    @Test
    void readyWhileStoreAndCamelWorkWithFaultedPileAndDeadEndpointAsReasons() throws Exception {
        TcpEndpoint nobodyThere = new TcpEndpoint("127.0.0.1", GatewayHttpFixture.freePort());
        try {
            transport.read(nobodyThere, new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2))
                    .toCompletableFuture().join();
        } catch (CompletionException expected) {
            // the endpoint is down now
        }
        bay2.fault("ground fault");
        serveHealth(gatewayChecks());

        HttpResponse<String> response = server.get(HealthRoute.PATH);

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type"));
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertEquals("UP", health.get("status").asText());
        assertCheck(health, "camel", "UP", "CamelContext " + server.camel().getName() + " started with 1 routes");
        assertCheck(health, "store", "UP", "the database answers");
        assertCheck(health, "piles", "DEGRADED", "faulted: bay-02 (ground fault)");
        JsonNode modbus = check(health, "modbus");
        assertEquals("DEGRADED", modbus.get("status").asText());
        assertTrue(modbus.get("reason").asText().startsWith("endpoints down: " + nobodyThere + " (cannot connect"),
                modbus.toString());
    }

    @Test
    void notReadyOnceTheStoreStopsAnswering() throws Exception {
        serveHealth(gatewayChecks());
        assertEquals(200, server.get(HealthRoute.PATH).statusCode());

        database.stop();
        HttpResponse<String> response = server.get(HealthRoute.PATH);

        assertEquals(503, response.statusCode());
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertEquals("DOWN", health.get("status").asText());
        JsonNode storeCheck = check(health, "store");
        assertEquals("DOWN", storeCheck.get("status").asText());
        assertTrue(storeCheck.get("reason").asText().startsWith("no connection to the database: "),
                storeCheck.toString());
        assertCheck(health, "camel", "UP", "CamelContext " + server.camel().getName() + " started with 1 routes");
    }

    @Test
    void notReadyWithoutStoreOrWithAStoppedRoute() throws Exception {
        server.add(new RouteBuilder() {
            @Override
            public void configure() {
                from(server.http().httpUri("/api/terminal/inbox", "GET")).routeId("terminal-rest-inbox").log("in");
            }
        });
        serveHealth(List.of(new StoreHealthCheck(), new CamelHealthCheck(server.camel())));
        server.camel().getRouteController().stopRoute("terminal-rest-inbox");

        HttpResponse<String> response = server.get(HealthRoute.PATH);

        assertEquals(503, response.statusCode());
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertCheck(health, "store", "DOWN", "the store is not running (no DataSource with pilegate.store=main)");
        assertCheck(health, "camel", "DOWN", "routes not started: terminal-rest-inbox (Stopped)");
    }

    @Test
    void aCheckThatFailsCountsAsDown() throws Exception {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Result check() {
                throw new IllegalStateException("no idea");
            }
        };
        serveHealth(List.of(broken));

        HttpResponse<String> response = server.get(HealthRoute.PATH);

        assertEquals(503, response.statusCode());
        assertCheck(new ObjectMapper().readTree(response.body()), "broken", "DOWN",
                "the check failed: java.lang.IllegalStateException: no idea");
    }

    @Test
    void aCheckWithoutAnswerInTimeIsDownAndTheOthersAreStillReported() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HealthCheck stuck = new HealthCheck() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public Result check() {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Result.up("too late");
            }
        };
        HealthRoute route = new HealthRoute(server.http(), Configs.of(MetricsConfig.class, Map.of()),
                List.of(stuck, new StoreHealthCheck(store)), Duration.ofMillis(300));
        server.add(route);
        try {
            HttpResponse<String> response = server.get(HealthRoute.PATH);

            assertEquals(503, response.statusCode());
            JsonNode health = new ObjectMapper().readTree(response.body());
            assertCheck(health, "stuck", "DOWN", "no answer within 300 ms");
            assertCheck(health, "store", "UP", "the database answers");
        } finally {
            release.countDown();
            route.deactivate();
        }
    }

    @Test
    void manyPilesWithTheSameProblemAreListedShort() throws Exception {
        List<PileController> piles = new ArrayList<>();
        for (int i = 1; i <= Reasons.MAX_LISTED + 2; i++) {
            FakePileController pile = new FakePileController("bay-%02d".formatted(i), 0);
            pile.devicesSeen(false);
            piles.add(pile);
        }
        serveHealth(List.of(new PileHealthCheck(piles)));

        HttpResponse<String> response = server.get(HealthRoute.PATH);

        assertEquals(200, response.statusCode());
        assertCheck(new ObjectMapper().readTree(response.body()), "piles", "DEGRADED",
                "meter or relay not seen yet: bay-01, bay-02, bay-03, bay-04, bay-05, bay-06, bay-07, bay-08, bay-09,"
                        + " bay-10 and 2 more");
    }

    @Test
    void clientsOutsideTheAllowedNetworksGet403AndSwitchedOffHealthIs404() {
        server.add(new HealthRoute(server.http(), Configs.of(MetricsConfig.class,
                Map.of("allowedClients", new String[] {"192.168.0.0/16", "fd00::/8"})), gatewayChecks(),
                HealthRoute.CHECK_TIMEOUT));
        assertEquals(403, server.get(HealthRoute.PATH).statusCode());

        try (GatewayHttpFixture switchedOff = new GatewayHttpFixture()) {
            switchedOff.add(new HealthRoute(switchedOff.http(), Configs.of(MetricsConfig.class,
                    Map.of("healthEnabled", false)), gatewayChecks(), HealthRoute.CHECK_TIMEOUT));
            assertEquals(404, switchedOff.get(HealthRoute.PATH).statusCode());
        }
    }

    private List<HealthCheck> gatewayChecks() {
        return List.of(new CamelHealthCheck(server.camel()), new StoreHealthCheck(store),
                new ModbusHealthCheck(transport), new PileHealthCheck(List.of(bay1, bay2)));
    }

    private void serveHealth(List<HealthCheck> checks) {
        server.add(new HealthRoute(server.http(), Configs.of(MetricsConfig.class, Map.of()), checks,
                HealthRoute.CHECK_TIMEOUT));
    }

    private static void assertCheck(JsonNode health, String name, String status, String reason) {
        JsonNode check = check(health, name);
        assertEquals(status, check.get("status").asText(), check.toString());
        assertEquals(reason, check.get("reason").asText(), check.toString());
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
