package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class TerminalHttpServerTest {

    @Test
    void invalidSettingsAreRefusedNamingPidKeyAndWhy() {
        assertEquals("org.pilegate.routing: port: 0 is not 1..65535",
                assertThrows(IllegalArgumentException.class, () -> new ListenAddress("0.0.0.0", 0)).getMessage());
        assertEquals("org.pilegate.routing: port: 70000 is not 1..65535",
                assertThrows(IllegalArgumentException.class, () -> new ListenAddress("0.0.0.0", 70000)).getMessage());
        assertEquals("org.pilegate.routing: host: 'gate way' is not a host name or IP address"
                        + " (0.0.0.0 listens on every IPv4 interface)",
                assertThrows(IllegalArgumentException.class, () -> new ListenAddress("gate way", 8181)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress("", 8181));
    }

    @Test
    void takenPortIsRefusedClearly() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        try (ServerSocket taken = new ServerSocket(0)) {
            ListenAddress address = new ListenAddress("127.0.0.1", taken.getLocalPort());

            String message = assertThrows(IllegalStateException.class,
                    () -> new TerminalHttpServer(camel, address)).getMessage();

            assertTrue(message.startsWith("org.pilegate.routing: host/port: cannot listen on " + address), message);
        } finally {
            camel.stop();
        }
    }

    @Test
    void endpointBelowAPathServesTheWholeTreeAndAnExactOneOnlyItsPath() {
        try (GatewayHttpFixture server = new GatewayHttpFixture()) {
            server.add(new RouteBuilder() {
                @Override
                public void configure() {
                    from(server.http().httpUriBelow("/files", "GET")).setBody(header(Exchange.HTTP_PATH));
                    from(server.http().httpUri("/exact", "GET")).setBody(constant("exact"));
                }
            });

            assertEquals("/files/a/b.txt", server.get("/files/a/b.txt").body());
            assertEquals(200, server.get("/files").statusCode());
            assertEquals("exact", server.get("/exact").body());
            assertEquals(404, server.get("/exact/below").statusCode());
            assertEquals(405, server.post("/files/a", "{}").statusCode());
        }
    }
}
