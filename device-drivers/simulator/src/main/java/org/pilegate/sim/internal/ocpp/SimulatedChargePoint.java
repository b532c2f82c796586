package org.pilegate.sim.internal.ocpp;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A simulated OCPP 1.6J charge point as a charger's firmware behaves: it boots (again later when told Pending), beats,
 * reports its connectors' status, starts and stops transactions when the central system asks, charges at the limit
 * of the charging profile it was given and reports its meter every sampling interval.
 */
final class SimulatedChargePoint {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedChargePoint.class);
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final int VOLTS = 230;
    private static final int PHASES = 3;

    private final String id;
    private final ObjectMapper json = new ObjectMapper();
    private final GatewayThreads threads;
    private final Clock clock;
    private final List<SimulatedConnector> connectors = new ArrayList<>();
    private final OcppClient client;
    private volatile Duration heartbeat = Duration.ofMinutes(5);
    private volatile Optional<GatewayThreads.Scheduled> beating = Optional.empty();

    SimulatedChargePoint(String id, int connectorCount, GatewayThreads threads, Clock clock,
            Consumer<String> sender) {
        this.id = id;
        this.threads = threads;
        this.clock = clock;
        for (int n = 1; n <= connectorCount; n++) {
            connectors.add(new SimulatedConnector(n, 1_000_000L * n));
        }
        this.client = new OcppClient(json, sender, this::handle);
    }

    String id() {
        return id;
    }

    /** A frame from the central system. */
    void receive(String text) {
        client.receive(text);
    }

    /** The connection is up: boot. */
    void connected() {
        boot();
    }

    /** The connection is down: beats and samples stop until it is back. */
    void disconnected() {
        client.closed();
        beating.ifPresent(GatewayThreads.Scheduled::cancel);
        beating = Optional.empty();
    }

    /** A vehicle plugs in at the connector and its driver shows the card {@code idTag}. */
    void plug(int connectorId, String idTag) {
        SimulatedConnector connector = connectors.get(connectorId - 1);
        status(connector, "Preparing");
        client.call("Authorize", json.createObjectNode().put("idTag", idTag));
    }

    /** Every sampling interval: charging connectors count on and report their meter. */
    void sample() {
        for (SimulatedConnector connector : connectors) {
            if (connector.charge(SAMPLE_EVERY, PHASES, VOLTS)) {
                meterValues(connector, "Sample.Periodic");
            }
        }
    }

    private void boot() {
        client.call("BootNotification", json.createObjectNode().put("chargePointVendor", "pilegate")
                .put("chargePointModel", "simulated")).whenComplete((answer, failure) -> {
                    if (failure != null) {
                        return;
                    }
                    Duration interval = Duration.ofSeconds(Math.max(1, answer.path("interval").asInt(300)));
                    if (!"Accepted".equals(answer.path("status").asText())) {
                        LOG.debug("{}: boot {}, again in {}", id, answer.path("status").asText(), interval);
                        threads.after(interval, this::boot);
                        return;
                    }
                    heartbeat = interval;
                    beating.ifPresent(GatewayThreads.Scheduled::cancel);
                    beating = Optional.of(threads.every(interval, interval,
                            () -> client.call("Heartbeat", json.createObjectNode())));
                    connectors.forEach(c -> status(c, c.status()));
                });
    }

    private Optional<ObjectNode> handle(String action, ObjectNode request) {
        return switch (action) {
            case "RemoteStartTransaction" -> Optional.of(remoteStart(request));
            case "RemoteStopTransaction" -> Optional.of(remoteStop(request.path("transactionId").asInt()));
            case "SetChargingProfile" -> Optional.of(profile(request));
            case "TriggerMessage" -> Optional.of(trigger(request));
            case "ChangeAvailability" -> {
                connectors.stream().filter(c -> c.id() == request.path("connectorId").asInt() || request
                        .path("connectorId").asInt() == 0).forEach(c -> status(c, "Inoperative".equals(request
                        .path("type").asText()) ? "Unavailable" : "Available"));
                yield Optional.of(accepted());
            }
            case "GetConfiguration" -> Optional.of(configuration());
            case "ChangeConfiguration", "ClearChargingProfile", "Reset", "UnlockConnector" -> Optional.of(accepted());
            default -> Optional.empty();
        };
    }

    private ObjectNode remoteStart(ObjectNode request) {
        SimulatedConnector connector = connectors.get(Math.max(1, Math.min(connectors.size(),
                request.path("connectorId").asInt(1))) - 1);
        if (connector.transaction().isPresent()) {
            return status("Rejected");
        }
        connector.limitA(limitA(request.path("chargingProfile")));
        String idTag = request.path("idTag").asText();
        threads.after(Duration.ofMillis(200), () -> client.call("StartTransaction", json.createObjectNode()
                .put("connectorId", connector.id()).put("idTag", idTag).put("meterStart", connector.registerWh())
                .put("timestamp", now())).thenAccept(answer -> {
                    connector.started(answer.path("transactionId").asInt());
                    status(connector, "Charging");
                }));
        return accepted();
    }

    private ObjectNode remoteStop(int transactionId) {
        Optional<SimulatedConnector> running = connectors.stream()
                .filter(c -> c.transaction().equals(Optional.of(transactionId))).findFirst();
        if (running.isEmpty()) {
            return status("Rejected");
        }
        SimulatedConnector connector = running.get();
        threads.after(Duration.ofMillis(200), () -> {
            connector.stopped();
            client.call("StopTransaction", json.createObjectNode().put("transactionId", transactionId)
                    .put("meterStop", connector.registerWh()).put("timestamp", now()).put("reason", "Remote"))
                    .thenRun(() -> status(connector, "Finishing"));
            // the driver unplugs a little later
            threads.after(Duration.ofSeconds(5), () -> status(connector, "Available"));
        });
        return accepted();
    }

    private ObjectNode profile(ObjectNode request) {
        JsonNode profile = request.path("csChargingProfiles");
        int transactionId = profile.path("transactionId").asInt(-1);
        connectors.stream().filter(c -> c.transaction().equals(Optional.of(transactionId)))
                .forEach(c -> c.limitA(limitA(profile)));
        return accepted();
    }

    private ObjectNode trigger(ObjectNode request) {
        String message = request.path("requestedMessage").asText();
        List<SimulatedConnector> concerned = connectors.stream().filter(c -> !request.has("connectorId")
                || c.id() == request.path("connectorId").asInt()).toList();
        threads.after(Duration.ofMillis(50), () -> {
            switch (message) {
                case "StatusNotification" -> concerned.forEach(c -> status(c, c.status()));
                case "MeterValues" -> concerned.forEach(c -> meterValues(c, "Trigger"));
                case "Heartbeat" -> client.call("Heartbeat", json.createObjectNode());
                case "BootNotification" -> boot();
                default -> LOG.debug("{}: nothing to send for {}", id, message);
            }
        });
        return accepted();
    }

    private ObjectNode configuration() {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("configurationKey")
                .add(key("HeartbeatInterval", String.valueOf(heartbeat.toSeconds())))
                .add(key("MeterValueSampleInterval", String.valueOf(SAMPLE_EVERY.toSeconds())))
                .add(key("ChargingScheduleAllowedChargingRateUnit", "Current"));
        return answer;
    }

    private ObjectNode key(String key, String value) {
        return json.createObjectNode().put("key", key).put("readonly", true).put("value", value);
    }

    /** The first period's limit of a charging profile, in A whatever unit it came in. */
    private static int limitA(JsonNode profile) {
        JsonNode schedule = profile.path("chargingSchedule");
        double limit = schedule.path("chargingSchedulePeriod").path(0).path("limit").asDouble(16);
        return (int) ("W".equals(schedule.path("chargingRateUnit").asText()) ? limit / (PHASES * VOLTS) : limit);
    }

    private void status(SimulatedConnector connector, String status) {
        connector.status(status);
        client.call("StatusNotification", json.createObjectNode().put("connectorId", connector.id())
                .put("errorCode", "NoError").put("status", status).put("timestamp", now()));
    }

    private void meterValues(SimulatedConnector connector, String context) {
        ObjectNode request = json.createObjectNode().put("connectorId", connector.id());
        connector.transaction().ifPresent(tx -> request.put("transactionId", tx));
        ObjectNode value = request.putArray("meterValue").addObject().put("timestamp", now());
        value.putArray("sampledValue")
                .add(json.createObjectNode().put("value", String.valueOf(connector.registerWh())).put("context", context)
                        .put("measurand", "Energy.Active.Import.Register").put("unit", "Wh"))
                .add(json.createObjectNode().put("value", String.valueOf(connector.powerW(PHASES, VOLTS)))
                        .put("context", context).put("measurand", "Power.Active.Import").put("unit", "W"));
        client.call("MeterValues", request);
    }

    private ObjectNode accepted() {
        return status("Accepted");
    }

    private ObjectNode status(String status) {
        return json.createObjectNode().put("status", status);
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
