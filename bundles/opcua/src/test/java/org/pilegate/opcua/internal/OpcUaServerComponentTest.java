package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.milo.opcua.stack.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.pilegate.api.work.SharedThreads;

/** The component through activation and updates, with a real Milo server and a framework of proxies. */
class OpcUaServerComponentTest {

    @TempDir
    Path etc;

    private final SharedThreads threads = new SharedThreads(2);

    @AfterEach
    void stop() {
        threads.close();
    }

    @Test
    void aBadUpdateKeepsTheRunningServerAndAGoodOneMovesIt() throws Exception {
        int first = freePort();
        OpcUaServerComponent component = new OpcUaServerComponent(context(), config(Map.of("port", first)), threads);
        try {
            assertRefused(component, Map.of("port", 0), "configuration org.pilegate.opcua: port: must be 1..65535");
            assertRefused(component, Map.of("port", first, "users", "bms:changeme"),
                    "configuration org.pilegate.opcua: users: ");
            try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                String message = assertThrows(IllegalArgumentException.class, () -> component.modified(
                        config(Map.of("port", taken.getLocalPort())))).getMessage();
                assertTrue(message.startsWith("configuration org.pilegate.opcua: bindAddress/port/certificateDir:"
                        + " the server cannot start on them ("), message);
                assertTrue(message.endsWith("it runs again on port " + first), message);
            }
            assertServes(first);

            int second = freePort();
            component.modified(config(Map.of("port", second)));

            assertServes(second);
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", first).close());
        } finally {
            component.deactivate();
        }
    }

    private static void assertRefused(OpcUaServerComponent component, Map<String, Object> update, String start) {
        String message = assertThrows(IllegalArgumentException.class, () -> component.modified(config(update)))
                .getMessage();
        assertTrue(message.startsWith(start), message);
    }

    /** A client finds the server's endpoint there. */
    private static void assertServes(int port) throws Exception {
        String url = "opc.tcp://127.0.0.1:" + port + "/pilegate";
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(url).get();
        assertTrue(endpoints.stream().anyMatch(endpoint -> endpoint.getEndpointUrl().equals(url)),
                endpoints.toString());
    }

    private BundleContext context() {
        Bundle bundle = proxy(Bundle.class, Map.of("getVersion", new Version(1, 0, 0)));
        return proxy(BundleContext.class, Map.of("getProperty", etc.toString(), "getBundle", bundle));
    }

    /** The metatype defaults on the loopback address, with {@code overrides}. */
    private static OpcUaConfig config(Map<String, Object> overrides) {
        Map<String, Object> loopback = Map.of("bindAddress", "127.0.0.1", "hostnames", "127.0.0.1");
        return (OpcUaConfig) Proxy.newProxyInstance(OpcUaConfig.class.getClassLoader(),
                new Class<?>[] {OpcUaConfig.class}, (proxy, method, args) -> overrides.getOrDefault(
                        method.getName(), loopback.getOrDefault(method.getName(), method.getDefaultValue())));
    }

    /** A {@code type} answering only the methods in {@code answers}. */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                }));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
