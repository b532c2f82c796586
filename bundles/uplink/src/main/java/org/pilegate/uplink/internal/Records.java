package org.pilegate.uplink.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.ChargingSession;

/**
 * The records the uplink sends, as outbox events. Each is a JSON object carrying {@code eventId} (consumers
 * de-duplicate by it), {@code schemaVersion}, {@code siteId}, {@code type} and {@code time} (when it happened, UTC),
 * and the body of its type.
 */
final class Records {

    static final int SCHEMA_VERSION = 1;
    /** Decimals written as they are, never with an exponent. */
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final String siteId;
    private final Clock clock;

    Records(String siteId, Clock clock) {
        this.siteId = siteId;
        this.clock = clock;
    }

    /** {@code session.pending}, {@code session.charging}, … {@code session.paid}: the session as it is now. */
    OutboxEvent session(ChargingSession session) {
        return event(Topic.SESSIONS, siteId + "/" + session.id().value(),
                "session." + session.state().name().toLowerCase(Locale.ROOT), clock.instant(), body -> {
                    ObjectNode node = body.putObject("session");
                    node.put("id", session.id().value());
                    node.put("pileId", session.pile().value());
                    node.put("state", session.state().name());
                    session.vehicle().ifPresent(vehicle -> node.put("vehicleId", vehicle.value()));
                    node.put("startedAt", session.startedAt().toString());
                    node.put("startRegisterWh", session.startEnergyWh());
                    session.endedAt().ifPresent(end -> node.put("endedAt", end.toString()));
                    session.endEnergyWh().ifPresent(register -> {
                        node.put("endRegisterWh", register);
                        node.put("energyWh", session.deliveredWh(register));
                    });
                });
    }

    /** {@code cdr}: an OCPI 2.2.1 CDR. */
    OutboxEvent chargeRecord(String sessionId, Instant issuedAt, ObjectNode cdr) {
        return event(Topic.CDRS, siteId + "/" + sessionId, "cdr", issuedAt, body -> body.set("cdr", cdr));
    }

    /** {@code pile.status}: the pile moved to another state, or a fault came or went. */
    OutboxEvent pileStatus(PileStatus status) {
        return event(Topic.TELEMETRY, siteId + "/" + status.pileId().value(), "pile.status", status.at(), body -> {
            body.put("pileId", status.pileId().value());
            body.put("state", status.state().name());
            body.put("plug", status.plugState().name());
            status.activeSession().ifPresent(session -> body.put("sessionId", session.value()));
            status.faultText().ifPresent(fault -> body.put("fault", fault));
        });
    }

    /**
     * {@code pile.fault}: the pile has a fault it did not have, by the error catalogue's code; or, {@code cleared},
     * {@code pile.fault.cleared}: a fault it had is gone.
     */
    OutboxEvent pileFault(PileStatus status, PileFault fault, boolean cleared) {
        return event(Topic.TELEMETRY, siteId + "/" + status.pileId().value(), cleared ? "pile.fault.cleared"
                : "pile.fault", status.at(), body -> {
                    body.put("pileId", status.pileId().value());
                    body.put("code", fault.code().code());
                    body.put("meaning", fault.code().meaning());
                    body.put("fault", fault.text());
                    body.put("state", status.state().name());
                });
    }

    /** {@code pile.power}: the pile's power and meter register at the sample. */
    OutboxEvent pilePower(PileStatus status, Instant at) {
        return event(Topic.TELEMETRY, siteId + "/" + status.pileId().value(), "pile.power", at, body -> {
            body.put("pileId", status.pileId().value());
            body.put("powerW", status.powerW());
            body.put("registerWh", status.energyWh());
        });
    }

    /** {@code site.power}: the sum over the site's piles at the sample. */
    OutboxEvent sitePower(long powerW, long registerWh, int piles, Instant at) {
        return event(Topic.TELEMETRY, siteId, "site.power", at, body -> {
            body.put("powerW", powerW);
            body.put("registerWh", registerWh);
            body.put("piles", piles);
        });
    }

    /**
     * {@code command.ack}: the answer to a command of the fleet, applied or refused with the error catalogue's code;
     * the message says what was done, or what is wrong and where.
     *
     * @param commandId the command's id, unless it had no readable one
     */
    OutboxEvent ack(Optional<String> commandId, String command, Optional<ErrorCode> refused, String message) {
        return event(Topic.ACKS, siteId, "command.ack", clock.instant(), body -> {
            commandId.ifPresent(id -> body.put("commandId", id));
            body.put("command", command);
            body.put("outcome", refused.isEmpty() ? "applied" : "refused");
            refused.ifPresent(code -> body.put("code", code.code()));
            body.put("message", message);
        });
    }

    private OutboxEvent event(Topic topic, String key, String type, Instant time, Consumer<ObjectNode> body) {
        String eventId = UUID.randomUUID().toString();
        ObjectNode record = JSON.createObjectNode();
        record.put("eventId", eventId);
        record.put("schemaVersion", SCHEMA_VERSION);
        record.put("siteId", siteId);
        record.put("type", type);
        record.put("time", time.toString());
        body.accept(record);
        try {
            return new OutboxEvent(0, eventId, topic, key, JSON.writeValueAsString(record), clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + type + " record", e);
        }
    }
}
