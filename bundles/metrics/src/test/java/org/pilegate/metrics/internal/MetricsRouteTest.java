package org.pilegate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.store.EmbeddedStore;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.internal.ModbusManagerConfig;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.pilegate.routing.TerminalPresence;
import org.pilegate.routing.internal.GatewayHttpFixture;

class MetricsRouteTest {

    private final GatewayHttpFixture server = new GatewayHttpFixture();
    private final PrometheusMeters meters = new PrometheusMeters();
    /** Held as DS holds active components: Micrometer holds what gauges read only weakly. */
    private final List<Runnable> deactivations = new ArrayList<>();

    @AfterEach
    void stop() {
        deactivations.forEach(Runnable::run);
        server.close();
        meters.close();
    }

    private <T> T active(T component, Consumer<T> deactivate) {
        deactivations.add(() -> deactivate.accept(component));
        return component;
    }

    @Test
    void scrapeIsThePrometheusTextFormat() {
        serveMetrics(Map.of());
        active(new PileMeters(meters), PileMeters::deactivate);

        HttpResponse<String> response = server.get(MetricsRoute.PATH);

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of(MetricsRoute.CONTENT_TYPE), response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains("# TYPE pilegate_site_power_watts gauge\n"), response.body());
        assertTrue(response.body().contains("# HELP pilegate_site_power_watts Active power of all piles"),
                response.body());
    }

    @Test
    void modbusEndpointNumbersAreReadAtEachScrape() {
        serveMetrics(Map.of());
        ModbusManagerImpl transport = new ModbusManagerImpl(Configs.of(ModbusManagerConfig.class,
                Map.of("maxRetries", 0, "timeoutMillis", 500, "schedulerThreads", 1)));
        try {
            active(new ModbusMeters(meters, transport), ModbusMeters::deactivate);
            TcpEndpoint nobodyThere = new TcpEndpoint("127.0.0.1", GatewayHttpFixture.freePort());
            String tags = "endpoint=\"" + nobodyThere + "\"";
            assertEquals(Optional.empty(), value(server.get(MetricsRoute.PATH).body(),
                    "pilegate_modbus_requests_total{" + tags + "}"));

            readFails(transport, nobodyThere);
            String first = server.get(MetricsRoute.PATH).body();
            readFails(transport, nobodyThere);
            String second = server.get(MetricsRoute.PATH).body();

            assertEquals(Optional.of(1.0), value(first, "pilegate_modbus_requests_total{" + tags + "}"));
            assertEquals(Optional.of(2.0), value(second, "pilegate_modbus_requests_total{" + tags + "}"));
            assertEquals(Optional.of(2.0), value(second, "pilegate_modbus_errors_total{" + tags
                    + ",kind=\"connection\"}"));
            assertEquals(Optional.of(0.0), value(second, "pilegate_modbus_errors_total{" + tags
                    + ",kind=\"timeout\"}"));
            assertEquals(Optional.of(0.0), value(second, "pilegate_modbus_successes_total{" + tags + "}"));
            assertEquals(Optional.of(1.0), value(second, "pilegate_modbus_endpoint_state{" + tags
                    + ",state=\"down\"}"));
            assertEquals(Optional.of(0.0), value(second, "pilegate_modbus_endpoint_state{" + tags
                    + ",state=\"ok\"}"));
            assertEquals(Optional.of(0.0), value(second, "pilegate_modbus_latency_p99_seconds{" + tags + "}"));
        } finally {
            transport.close();
        }
    }

    @Test
    void pileMetersFollowWhatThePilesPublish() {
        serveMetrics(Map.of());
        PileMeters pileMeters = active(new PileMeters(meters), PileMeters::deactivate);
        FakePileController bay1 = new FakePileController("bay-01", 0);
        FakePileController bay2 = new FakePileController("bay-02", 0);
        pileMeters.addPile(bay1);
        pileMeters.addPile(bay2);

        bay1.charging(new SessionId("s-1"), 7_000, 1_000);
        bay2.charging(new SessionId("s-2"), 11_000, 5_000);
        bay1.charging(new SessionId("s-1"), 7_200, 1_500);
        String charging = server.get(MetricsRoute.PATH).body();
        bay1.publish(PileState.AVAILABLE, 0, 1_600, Optional.empty(), Optional.empty());
        bay2.fault("ground fault");
        String after = server.get(MetricsRoute.PATH).body();

        assertEquals(Optional.of(18_200.0), value(charging, "pilegate_site_power_watts"));
        assertEquals(Optional.of(2.0), value(charging, "pilegate_piles{state=\"charging\"}"));
        assertEquals(Optional.of(7_200.0), value(charging, "pilegate_pile_power_watts{pile=\"bay-01\"}"));
        assertEquals(Optional.of(1.0), value(charging, "pilegate_pile_sessions_started_total{pile=\"bay-01\"}"));
        assertEquals(Optional.of(0.0), value(charging, "pilegate_pile_sessions_finished_total{pile=\"bay-01\"}"));
        assertEquals(Optional.of(500.0),
                value(charging, "pilegate_pile_energy_delivered_watt_hours_total{pile=\"bay-01\"}"));

        assertEquals(Optional.of(0.0), value(after, "pilegate_site_power_watts"));
        assertEquals(Optional.of(1.0), value(after, "pilegate_piles{state=\"available\"}"));
        assertEquals(Optional.of(1.0), value(after, "pilegate_piles{state=\"faulted\"}"));
        assertEquals(Optional.of(1.0), value(after, "pilegate_pile_sessions_finished_total{pile=\"bay-01\"}"));
        assertEquals(Optional.of(1.0), value(after, "pilegate_pile_sessions_finished_total{pile=\"bay-02\"}"));
        assertEquals(Optional.of(600.0),
                value(after, "pilegate_pile_energy_delivered_watt_hours_total{pile=\"bay-01\"}"));
        assertEquals(Optional.of(1_600.0),
                value(after, "pilegate_pile_meter_register_watt_hours{pile=\"bay-01\"}"));

        pileMeters.removePile(bay2);
        String removed = server.get(MetricsRoute.PATH).body();
        assertEquals(0, bay2.subscribers());
        assertEquals(Optional.empty(), value(removed, "pilegate_pile_power_watts{pile=\"bay-02\"}"));
        assertEquals(Optional.of(0.0), value(removed, "pilegate_piles{state=\"faulted\"}"));
    }

    @Test
    void openSessionsAreCountedByStateAndUnknownWithoutTheDirectory() {
        serveMetrics(Map.of());
        List<SessionOverview> sessions = List.of(overview("s-1", SessionState.CHARGING),
                overview("s-2", SessionState.CHARGING), overview("s-3", SessionState.PENDING),
                overview("s-4", SessionState.PAID));
        active(new SessionMeters(meters, new SessionDirectoryStub(sessions)), SessionMeters::deactivate);
        PrometheusMeters withoutDirectory = new PrometheusMeters();
        active(new SessionMeters(withoutDirectory), SessionMeters::deactivate);

        String body = server.get(MetricsRoute.PATH).body();

        assertEquals(Optional.of(2.0), value(body, "pilegate_sessions_open{state=\"charging\"}"));
        assertEquals(Optional.of(1.0), value(body, "pilegate_sessions_open{state=\"pending\"}"));
        assertEquals(Optional.of(0.0), value(body, "pilegate_sessions_open{state=\"suspended\"}"));
        assertEquals(Optional.of(Double.NaN), value(withoutDirectory.scrape(),
                "pilegate_sessions_open{state=\"charging\"}"));
    }

    @Test
    void theEmbeddedStoresCommitsAndFileAreShownAndUnknownWithoutIt() {
        serveMetrics(Map.of());
        active(new StoreMeters(meters, () -> new EmbeddedStore.Activity(120, 45, 300L << 20, 37)),
                StoreMeters::deactivate);
        PrometheusMeters onPostgresql = new PrometheusMeters();
        active(new StoreMeters(onPostgresql), StoreMeters::deactivate);

        String body = server.get(MetricsRoute.PATH).body();

        assertEquals(Optional.of(120.0), value(body, "pilegate_store_commits_total"));
        assertEquals(Optional.of(45.0), value(body, "pilegate_store_flushes_total"));
        assertEquals(Optional.of((double) (300L << 20)), value(body, "pilegate_store_file_bytes"));
        assertEquals(Optional.of(0.37), value(body, "pilegate_store_file_live_ratio"));
        assertEquals(Optional.of(Double.NaN), value(onPostgresql.scrape(), "pilegate_store_file_bytes"));
    }

    @Test
    void terminalConnectionsAreShown() {
        serveMetrics(Map.of());
        active(new TerminalMeters(meters, new TerminalPresence() {
            @Override
            public int openConnections() {
                return 3;
            }

            @Override
            public int connectedTerminals() {
                return 2;
            }
        }), TerminalMeters::deactivate);

        String body = server.get(MetricsRoute.PATH).body();

        assertEquals(Optional.of(3.0), value(body, "pilegate_terminal_connections"));
        assertEquals(Optional.of(2.0), value(body, "pilegate_terminals_connected"));
    }

    @Test
    void clientsOutsideTheAllowedNetworksGet403() {
        serveMetrics(Map.of("allowedClients", new String[] {"10.0.0.0/8"}));
        active(new PileMeters(meters), PileMeters::deactivate);

        HttpResponse<String> response = server.get(MetricsRoute.PATH);

        assertEquals(403, response.statusCode());
        assertFalse(response.body().contains("pilegate_"), response.body());
    }

    @Test
    void switchedOffMetricsAre404() {
        serveMetrics(Map.of("metricsEnabled", false));

        assertEquals(404, server.get(MetricsRoute.PATH).statusCode());
    }

    @Test
    void badAllowedClientIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetricsRoute(server.http(), meters, Configs.of(MetricsConfig.class,
                        Map.of("allowedClients", new String[] {"10.0.0.0/8", "intranet"}))));

        assertEquals("org.pilegate.metrics: allowedClients: 'intranet' is not an IP address or CIDR prefix such as"
                + " 10.0.0.0/8 or fd00::/8", e.getMessage());
    }

    @Test
    void aBadUpdateKeepsTheLastGoodSettingsAndAGoodOneAppliesInPlace() {
        MetricsRoute route = serveMetrics(Map.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> route.modified(Configs.of(
                MetricsConfig.class, Map.of("allowedClients", new String[] {"10.0.0.0/33"}))));
        assertTrue(e.getMessage().startsWith("org.pilegate.metrics: allowedClients: '10.0.0.0/33' has a prefix"
                + " length"), e.getMessage());
        assertEquals(200, server.get(MetricsRoute.PATH).statusCode());

        route.modified(Configs.of(MetricsConfig.class, Map.of("allowedClients", new String[] {"10.0.0.0/8"})));
        assertEquals(403, server.get(MetricsRoute.PATH).statusCode());
        route.modified(Configs.of(MetricsConfig.class, Map.of("metricsEnabled", false)));
        assertEquals(404, server.get(MetricsRoute.PATH).statusCode());
        route.modified(Configs.of(MetricsConfig.class, Map.of()));
        assertEquals(200, server.get(MetricsRoute.PATH).statusCode());
    }

    private MetricsRoute serveMetrics(Map<String, Object> config) {
        MetricsRoute route = new MetricsRoute(server.http(), meters, Configs.of(MetricsConfig.class, config));
        server.add(route);
        return route;
    }

    private static void readFails(ModbusManagerImpl transport, TcpEndpoint endpoint) {
        assertThrows(CompletionException.class, () -> transport
                .read(endpoint, new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 2))
                .toCompletableFuture().join());
    }

    /** The value of the sample named exactly {@code sample} (name and labels), if the exposition has it. */
    static Optional<Double> value(String exposition, String sample) {
        Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(exposition);
        return line.find() ? Optional.of(Double.parseDouble(line.group(1))) : Optional.empty();
    }

    private static SessionOverview overview(String id, SessionState state) {
        Instant start = Instant.parse("2026-11-26T08:00:00Z");
        Optional<Instant> end = state.hasEnded() ? Optional.of(start.plusSeconds(3_600)) : Optional.empty();
        return new SessionOverview(new ChargingSession(new SessionId(id), new PileId("bay-01"), Optional.empty(),
                state, start, 1_000, end, Optional.empty(), Optional.empty()), Optional.empty(), Optional.empty(), 0,
                Optional.empty());
    }
}
