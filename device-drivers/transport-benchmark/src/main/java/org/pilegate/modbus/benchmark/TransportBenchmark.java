package org.pilegate.modbus.benchmark;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.internal.ModbusManagerConfig;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a simulated depot through the Modbus transport, once with each of its TCP clients, and compares it, in the
 * same run and on the same simulator, with a plain j2mod client; prints the results and appends them to the results
 * file. Arguments are {@code key=value} pairs (see {@link BenchmarkSettings}); {@code run.sh} next to this module's
 * pom builds and runs it.
 */
public final class TransportBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(TransportBenchmark.class);

    private TransportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        // before the simulator adds to the load
        Machine machine = Machine.current();
        ProfileCatalog profiles = new ProfileCatalog(List.of());
        DriverReads reads = new DriverReads(profiles.meter(settings.meterProfile()),
                profiles.relay(settings.relayProfile()));
        ModbusManagerConfig transport = transportConfig(settings.interTransactionDelayMillis(), TcpClient.NETTY);
        TcpEndpoint firstPort = settings.endpoint(0);
        ReadRequest loopRead = reads.largestMeterRead(settings.meterUnitId(0));
        try (SimulatorProcess simulator = SimulatorProcess.start(settings)) {
            Probe probe = new Probe(simulator);

            LOG.info("Reference: j2mod on {}", firstPort);
            Measurement reference = ReferenceLoop.run(probe, firstPort, loopRead,
                    settings.loopWarmup(), settings.loopWindow());

            List<Report.ClientRun> runs = new ArrayList<>();
            for (TcpClient client : settings.clients()) {
                ModbusManagerConfig config = transportConfig(settings.interTransactionDelayMillis(), client);
                LOG.info("Transport on {}, closed loop on {}", client, firstPort);
                Measurement closedLoop = withTransport(config, modbus -> ClosedLoop.run(probe, modbus, firstPort,
                        loopRead, settings.loopWarmup(), settings.loopWindow()));
                LOG.info("Transport on {}, {} piles", client, settings.piles());
                DepotLoad.Result depot = withTransport(config, modbus -> DepotLoad.run(probe, modbus, settings,
                        reads));
                runs.add(new Report.ClientRun(client, closedLoop, depot));
            }

            String report = Report.render(machine, settings, reads, transport, reference, runs);
            // the report is this program's output
            System.out.print(report);
            Files.writeString(settings.results(), System.lineSeparator() + report, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            LOG.info("Appended to {}", settings.results().toAbsolutePath());
        }
    }

    @FunctionalInterface
    private interface TransportPhase<T> {
        T run(ModbusManagerImpl transport) throws Exception;
    }

    /** Runs {@code phase} on a transport of its own, so that its connections and counters are that phase's. */
    private static <T> T withTransport(ModbusManagerConfig config, TransportPhase<T> phase) throws Exception {
        ModbusManagerImpl transport = new ModbusManagerImpl(config);
        try {
            return phase.run(transport);
        } finally {
            transport.close();
        }
    }

    /** The transport's OSGi configuration outside OSGi: every attribute's default but the quiet time and client. */
    private static ModbusManagerConfig transportConfig(int interTransactionDelayMillis, TcpClient client) {
        return (ModbusManagerConfig) Proxy.newProxyInstance(ModbusManagerConfig.class.getClassLoader(),
                new Class<?>[] {ModbusManagerConfig.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "interTransactionDelayMillis" -> interTransactionDelayMillis;
                    case "tcpClient" -> client;
                    default -> method.getDefaultValue();
                });
    }
}
