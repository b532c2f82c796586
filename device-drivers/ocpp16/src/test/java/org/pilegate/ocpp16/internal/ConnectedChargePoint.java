package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.ocpp16.internal.rpc.FrameCodec;
import org.pilegate.ocpp16.internal.rpc.OcppSchemas;
import org.pilegate.ocpp16.internal.rpc.RefusalBudget;
import org.pilegate.ocpp16.internal.rpc.RpcEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A charge point of one connector, connected: what the gateway sends it is kept, its answers are given by hand. */
final class ConnectedChargePoint implements AutoCloseable {

    final ObjectMapper json = new ObjectMapper();
    final SharedThreads threads = new SharedThreads(2);
    final ChargePointId id = new ChargePointId("CP-3");
    final Connector connector = new Connector(id.pile(1), 1, Clock.systemUTC(), () -> Duration.ofSeconds(10));
    final ChargePointLink link = new ChargePointLink(id, List.of(connector), threads);
    final CentralSystemCalls calls = new CentralSystemCalls(json);
    private final LinkedBlockingQueue<String> sent = new LinkedBlockingQueue<>();
    final RpcEndpoint endpoint = new RpcEndpoint(id.value(), new FrameCodec(json), new OcppSchemas(),
            new RpcEndpoint.Transport() {
                @Override
                public void send(String text) {
                    sent.add(text);
                }

                @Override
                public void close(short status, String reason) {
                    // nothing to close
                }
            }, (action, payload) -> {
                throw new AssertionError("the charge point sends no CALL here");
            }, threads, Duration.ofSeconds(5), new RefusalBudget(10, Clock.systemUTC()));

    ConnectedChargePoint() {
        link.connected(endpoint);
    }

    /** The next CALL the gateway sent. */
    JsonNode next() throws Exception {
        String text = sent.poll(5, TimeUnit.SECONDS);
        assertTrue(text != null, "nothing was sent");
        return json.readTree(text);
    }

    /** The next CALL the gateway sent within {@code within}, if any. */
    Optional<JsonNode> poll(Duration within) throws Exception {
        String text = sent.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        return text == null ? Optional.empty() : Optional.of(json.readTree(text));
    }

    /** Whether the gateway sent nothing (yet). */
    boolean nothingSent() {
        return sent.isEmpty();
    }

    /** Answers a CALL with {@code {"status": status}}. */
    void answer(JsonNode call, String status) {
        endpoint.receive("[3,\"" + call.get(1).asText() + "\",{\"status\":\"" + status + "\"}]");
    }

    @Override
    public void close() {
        threads.close();
    }
}
