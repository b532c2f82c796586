package org.pilegate.opcua.internal;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.work.SharedThreads;

/**
 * A real {@link SiteServer} on a free local port with a {@link FakeDepot} behind it, and real Milo clients of it: an
 * anonymous one and the operator {@code bms}. Piles' meters are {@code <pile>.meter} unless {@link #meterOfPile}
 * names another.
 */
final class TestSite implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeDepot depot = new FakeDepot();
    /** Whether the operator services run. */
    final AtomicBoolean depotRunning = new AtomicBoolean(true);
    final Map<String, String> meterOfPile = new ConcurrentHashMap<>();
    private final SharedThreads threads = new SharedThreads(2);
    private final Path certificateDir;
    private final BmsClient.Identity bms;
    private SiteServer server;
    private String endpointUrl;

    /** Starts the server with anonymous browsing, its certificates in {@code etc/opcua}. */
    TestSite(Path etc) throws Exception {
        this.certificateDir = etc.resolve("opcua");
        this.server = start(true);
        this.bms = BmsClient.Identity.generate();
        // trusted after the server started: the trust list follows its folder
        bms.trustOn(certificateDir);
    }

    /** Stops the server and starts it again. */
    void restart(boolean anonymousBrowsing) throws Exception {
        server.close();
        server = start(anonymousBrowsing);
    }

    SiteNamespace namespace() {
        return server.namespace();
    }

    String endpointUrl() {
        return endpointUrl;
    }

    BmsClient.Identity bms() {
        return bms;
    }

    Path certificateDir() {
        return certificateDir;
    }

    BmsClient anonymous() throws Exception {
        return BmsClient.connect(endpointUrl, SecurityPolicy.None, MessageSecurityMode.None, bms,
                BmsClient.anonymous());
    }

    BmsClient operator(MessageSecurityMode mode, String password) throws Exception {
        return BmsClient.connect(endpointUrl, SecurityPolicy.Basic256Sha256, mode, bms,
                BmsClient.user("bms", password));
    }

    @Override
    public void close() throws Exception {
        server.close();
        threads.close();
    }

    static Object value(BmsClient client, String path) {
        try {
            return client.read(path).getValue().getValue();
        } catch (Exception e) {
            throw new AssertionError("reading " + path, e);
        }
    }

    static StatusCode status(BmsClient client, String path) {
        try {
            return client.read(path).getStatusCode();
        } catch (Exception e) {
            throw new AssertionError("reading " + path, e);
        }
    }

    static List<String> names(BmsClient client, String path) {
        try {
            return client.browseNames(path);
        } catch (Exception e) {
            throw new AssertionError("browsing " + path, e);
        }
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not within " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    private SiteServer start(boolean anonymousBrowsing) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String users = UserEntry.create("bms", PASSWORD.toCharArray(), UserEntry.MIN_ITERATIONS).toString();
        ServerSettings settings = new ServerSettings("127.0.0.1", port, "/pilegate", List.of("127.0.0.1"),
                anonymousBrowsing, UserDirectory.parse(users), certificateDir);
        endpointUrl = "opc.tcp://127.0.0.1:" + port + "/pilegate";
        DepotActions actions = new DepotActions(
                () -> depotRunning.get() ? Optional.<DepotControl>of(depot) : Optional.empty(),
                () -> depotRunning.get() ? Optional.<SessionDirectory>of(depot) : Optional.empty(), WAIT);
        return SiteServer.start(settings, actions,
                pile -> Optional.of(meterOfPile.getOrDefault(pile.value(), pile + ".meter")),
                Clock.systemDefaultZone(), threads, "test");
    }
}
