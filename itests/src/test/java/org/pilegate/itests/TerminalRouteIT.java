package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalRequestHandler;

/**
 * A terminal's message travels the Camel route that the routing bundle registers as a DS component, inside the
 * Camel runtime bundle that pilegate builds from the plain Camel jars.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class TerminalRouteIT {

    private static final String ENDPOINT = "direct:terminal-inbound";
    private static final String TERMINAL_ID = "PilegateTerminalId";
    private static final String STOP = "{\"type\":\"stop_request\",\"session\":\"s-1\"}";

    @Inject
    private BundleContext bundleContext;

    @Inject
    private CamelContext camel;

    @Configuration
    public Option[] configuration() {
        return PilegateDistribution.options();
    }

    @Test
    public void routeRegisteredByTheRoutingBundleIsRunning() {
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("terminal-inbound"));
    }

    @Test
    public void malformedMessageGetsAStructuredErrorFrame() {
        String reply = send("{\"type\":\"stop_request\",", "phone-1").get(0).toString();
        assertTrue(reply, reply.startsWith("{\"type\":\"error\",\"code\":\"malformed_json\""));
    }

    @Test
    public void requestReachesThePileSideServiceAndRepliesReturn() {
        List<TerminalInbound> received = new CopyOnWriteArrayList<>();
        Instant expires = Instant.parse("2026-11-26T09:00:00Z");
        TerminalRequestHandler pileSide = (TerminalId terminal, TerminalInbound request) -> {
            received.add(request);
            return List.of(new AssociationPrompt(new PileId("bay-01"), "token-for-" + terminal.value(), expires));
        };
        ServiceRegistration<TerminalRequestHandler> registration =
                bundleContext.registerService(TerminalRequestHandler.class, pileSide, null);
        try {
            List<?> replies = send(STOP, "phone-7");

            assertEquals(1, received.size());
            assertEquals("s-1", received.get(0) instanceof org.pilegate.api.terminal.StopRequest stop
                    ? stop.session().value() : "not a stop request: " + received.get(0));
            assertEquals(List.of("{\"type\":\"association_prompt\",\"pile\":\"bay-01\","
                    + "\"associationToken\":\"token-for-phone-7\",\"expiresAt\":\"2026-11-26T09:00:00Z\"}"), replies);
        } finally {
            registration.unregister();
        }
        String reply = send(STOP, "phone-7").get(0).toString();
        assertTrue(reply, reply.contains("\"code\":\"service_unavailable\""));
    }

    private List<?> send(String body, String terminal) {
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            return producer.requestBodyAndHeaders(ENDPOINT, body, Map.of(TERMINAL_ID, terminal), List.class);
        } finally {
            try {
                producer.close();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
