package org.pilegate.modbus.benchmark;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.internal.ModbusManagerConfig;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a simulated depot through the Modbus transport and compares it, in the same run and on the same
 * simulator, with a plain j2mod client; prints the results and appends them to the results file. Arguments are
 * {@code key=value} pairs (see {@link BenchmarkSettings}); {@code run.sh} next to this module's pom builds and
 * runs it.
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
        ProfileCatalog profiles = new ProfileCatalog(List.of());
        DriverReads reads = new DriverReads(profiles.meter(settings.meterProfile()),
                profiles.relay(settings.relayProfile()));
        ModbusManagerConfig transport = transportConfig(settings.interTransactionDelayMillis());
        TcpEndpoint firstPort = settings.endpoint(0);
        ReadRequest loopRead = reads.largestMeterRead(settings.meterUnitId(0));
        try (SimulatorProcess simulator = SimulatorProcess.start(settings)) {
            Probe probe = new Probe(simulator);

            LOG.info("Reference: j2mod on {}", firstPort);
            Measurement reference = ReferenceLoop.run(probe, firstPort, loopRead,
                    settings.loopWarmup(), settings.loopWindow());

            LOG.info("Transport, closed loop on {}", firstPort);
            Measurement closedLoop = withTransport(transport, modbus -> ClosedLoop.run(probe, modbus, firstPort,
                    loopRead, settings.loopWarmup(), settings.loopWindow()));

            LOG.info("Transport, {} piles polled every {} ms", settings.piles(), settings.period().toMillis());
            DepotLoad.Result depot = withTransport(transport, modbus -> DepotLoad.run(probe, modbus, settings, reads));

            String report = Report.render(Machine.current(), settings, reads, transport, reference, closedLoop,
                    depot);
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

    /** The transport's OSGi configuration outside OSGi: every attribute's default but the quiet time. */
    private static ModbusManagerConfig transportConfig(int interTransactionDelayMillis) {
        return (ModbusManagerConfig) Proxy.newProxyInstance(ModbusManagerConfig.class.getClassLoader(),
                new Class<?>[] {ModbusManagerConfig.class},
                (proxy, method, arguments) -> method.getName().equals("interTransactionDelayMillis")
                        ? interTransactionDelayMillis
                        : method.getDefaultValue());
    }
}
