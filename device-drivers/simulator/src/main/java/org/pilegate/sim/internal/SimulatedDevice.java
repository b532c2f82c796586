package org.pilegate.sim.internal;

import java.util.Objects;
import java.util.Optional;

import org.pilegate.sim.Fault;

/**
 * A pile's meter or relay as a Modbus device: its registers are rendered from the pile's state when first read
 * after a change, so piles nobody polls cost nothing, and writes go to the pile. Serves nothing writable unless a
 * subclass says otherwise.
 */
abstract class SimulatedDevice implements ModbusDevice {

    protected final Pile pile;
    private final RegisterImage image;
    private long renderedVersion = -1;
    private volatile Optional<Fault> fault = Optional.empty();

    SimulatedDevice(Pile pile, RegisterMap map) {
        this.pile = Objects.requireNonNull(pile, "pile");
        this.image = new RegisterImage(map);
    }

    /** Writes the pile's present state into the device's registers; called holding the pile's monitor. */
    protected abstract void render(RegisterImage target);

    @Override
    public Optional<Fault> fault() {
        return fault;
    }

    void inject(Fault injected) {
        fault = Optional.of(injected);
    }

    void clearFault() {
        fault = Optional.empty();
    }

    @Override
    public boolean[] readBits(Table table, int address, int count) {
        synchronized (pile) {
            return current().bits(table, address, count);
        }
    }

    @Override
    public int[] readRegisters(Table table, int address, int count) {
        synchronized (pile) {
            return current().registers(table, address, count);
        }
    }

    private RegisterImage current() {
        long version = pile.version();
        if (version != renderedVersion) {
            render(image);
            renderedVersion = version;
        }
        return image;
    }
}
