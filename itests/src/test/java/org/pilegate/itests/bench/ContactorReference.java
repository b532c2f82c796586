package org.pilegate.itests.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.pilegate.sim.PileAddress;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * The reference for (B): a bare close of a pile's contactor and its read-back, made by j2mod from this process
 * straight on the simulated depot's relay, with the same transactions the gateway's relay driver makes for
 * {@code CloseContactor(16)} with the shipped generic relay profile — write the current limit (holding register 0),
 * write the contactor coil (0), read feedback and plug state (input registers 0–1), the limit (holding register 0)
 * and the vehicle's id (input registers 10–17) — then, untimed, the contactor opened again. One j2mod client per
 * Modbus port, used by one thread at a time, as the simulated piles behind a port share one connection of the
 * gateway's too.
 */
final class ContactorReference implements AutoCloseable {

    static final int LIMIT_A = 16;
    private static final int TIMEOUT_MILLIS = 5000;

    private final Map<Integer, ModbusTCPMaster> masters = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "contactor-reference");
        thread.setDaemon(true);
        return thread;
    });

    /** Completes with the nanoseconds from the first write until the read-back showed the contactor closed. */
    CompletableFuture<Long> closeAndOpen(PileAddress pile) {
        return CompletableFuture.supplyAsync(() -> {
            ModbusTCPMaster master = masters.computeIfAbsent(pile.port(), port -> connect(pile));
            synchronized (master) {
                try {
                    int unit = pile.relayUnitId();
                    long start = System.nanoTime();
                    master.writeSingleRegister(unit, 0, new SimpleRegister(LIMIT_A));
                    master.writeCoil(unit, 0, true);
                    InputRegister[] signals = master.readInputRegisters(unit, 0, 2);
                    InputRegister[] limit = master.readMultipleRegisters(unit, 0, 1);
                    master.readInputRegisters(unit, 10, 8);
                    long roundTrip = System.nanoTime() - start;
                    if (signals[0].getValue() != 1 || limit[0].getValue() != LIMIT_A) {
                        throw new IllegalStateException("pile at " + pile + " reads contactor " + signals[0].getValue()
                                + ", limit " + limit[0].getValue() + " A after closing");
                    }
                    master.writeCoil(unit, 0, false);
                    master.readInputRegisters(unit, 0, 2);
                    return roundTrip;
                } catch (ModbusException e) {
                    throw new IllegalStateException("reference close at " + pile + ": " + e, e);
                }
            }
        }, threads);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        masters.values().forEach(ModbusTCPMaster::disconnect);
    }

    private static ModbusTCPMaster connect(PileAddress pile) {
        ModbusTCPMaster master = new ModbusTCPMaster(pile.host(), pile.port(), TIMEOUT_MILLIS, false);
        try {
            master.connect();
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the simulated depot at " + pile, e);
        }
        master.setRetries(1);
        return master;
    }
}
