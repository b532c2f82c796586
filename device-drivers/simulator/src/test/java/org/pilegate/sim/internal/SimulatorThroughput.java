package org.pilegate.sim.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.sim.PileAddress;
import org.pilegate.sim.SimulatedVehicle;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

/**
 * Benchmark, run by hand rather than by the build: 2,000 charging piles on 20 ports, polled by j2mod clients (8 by
 * default) with the reads a driver of the shipped profiles makes, for 10 s after 2 s of warm-up; prints requests
 * per second and the CPU the simulator used. From the repository root, after an install:
 *
 * <pre>
 * mvn -B -o -q -f device-drivers/simulator dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp device-drivers/simulator/target/test-classes:device-drivers/simulator/target/classes:$(cat \
 *     device-drivers/simulator/target/classpath.txt) org.pilegate.sim.internal.SimulatorThroughput [clients] [seconds]
 * </pre>
 */
public final class SimulatorThroughput {

    private static final int PILES = 2_000;
    private static final int PILES_PER_PORT = 100;

    private SimulatorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration measured = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        SimulatorSettings settings = new SimulatorSettings("127.0.0.1", 0, PILES, PILES_PER_PORT, Fixtures.METER,
                Fixtures.RELAY, Duration.ofMillis(200), false);
        try (Simulation depot = Simulation.start(settings)) {
            chargeEverywhere(depot);
            LongAdder requests = new LongAdder();
            LongAdder failures = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> pollers = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int port = client % (PILES / PILES_PER_PORT);
                Thread poller = new Thread(() -> poll(depot, port, running, requests, failures), "poller-" + client);
                poller.start();
                pollers.add(poller);
            }
            Thread.sleep(2_000);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long serverThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("pilegate-sim-modbus")).findFirst().orElseThrow()
                    .getId();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long countBefore = requests.sum();
            long failuresBefore = failures.sum();
            long serverCpuBefore = threads.getThreadCpuTime(serverThread);
            long processCpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            Thread.sleep(measured.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = requests.sum() - countBefore;
            double serverCpu = (threads.getThreadCpuTime(serverThread) - serverCpuBefore) / 1e9 / seconds;
            double processCpu = (os.getProcessCpuTime() - processCpuBefore) / 1e9 / seconds;
            running.set(false);
            for (Thread poller : pollers) {
                poller.join();
            }
            System.out.printf("%d piles, %d j2mod connections, %.1f s: %.0f requests/s, %d failed%n", PILES, clients,
                    seconds, count / seconds, failures.sum() - failuresBefore);
            System.out.printf("CPU: server thread %.0f %% of a core (%.1f µs per request); whole process with clients"
                    + " %.0f %% of a core; %d cores%n", 100 * serverCpu, 1e6 * serverCpu / (count / seconds),
                    100 * processCpu, Runtime.getRuntime().availableProcessors());
        }
    }

    /** Plugs a vehicle into every pile and closes every contactor, so each tick integrates 2,000 piles. */
    private static void chargeEverywhere(Simulation depot) throws Exception {
        for (int pile = 0; pile < PILES; pile += PILES_PER_PORT) {
            PileAddress first = depot.address(pile);
            ModbusTCPMaster master = Fixtures.client(first, 2_000);
            for (int i = pile; i < pile + PILES_PER_PORT; i++) {
                depot.plug(i, new SimulatedVehicle(new VehicleId("EV-" + i), 80_000, 0.2));
                master.writeCoil(depot.address(i).relayUnitId(), Fixtures.RELAY.contactor().address(), true);
            }
            master.disconnect();
        }
    }

    /** A driver's cycle over the piles of one port: three meter reads and three relay reads per pile. */
    private static void poll(Simulation depot, int port, AtomicBoolean running, LongAdder requests,
            LongAdder failures) {
        try {
            ModbusTCPMaster master = Fixtures.client(depot.address(port * PILES_PER_PORT), 2_000);
            while (running.get()) {
                for (int pile = port * PILES_PER_PORT; pile < (port + 1) * PILES_PER_PORT && running.get(); pile++) {
                    PileAddress address = depot.address(pile);
                    int meter = address.meterUnitId();
                    int relay = address.relayUnitId();
                    try {
                        Fixtures.read(master, meter, FunctionCode.READ_INPUT_REGISTERS, 0, 12);
                        Fixtures.read(master, meter, FunctionCode.READ_INPUT_REGISTERS, 52, 2);
                        Fixtures.read(master, meter, FunctionCode.READ_INPUT_REGISTERS, 72, 2);
                        Fixtures.read(master, relay, FunctionCode.READ_INPUT_REGISTERS, 0, 2);
                        Fixtures.read(master, relay, FunctionCode.READ_INPUT_REGISTERS, 10, 8);
                        Fixtures.read(master, relay, FunctionCode.READ_HOLDING_REGISTERS, 0, 1);
                        requests.add(6);
                    } catch (com.ghgande.j2mod.modbus.ModbusException e) {
                        failures.increment();
                    }
                }
            }
            master.disconnect();
        } catch (Exception e) {
            throw new IllegalStateException("poller failed", e);
        }
    }
}
