package org.pilegate.sim.internal;

import java.util.Optional;
import java.util.SplittableRandom;

import org.pilegate.sim.Fault;

/**
 * Faults at random, for a storm on the Modbus lines: each request to a device is, at the given rate, swallowed,
 * answered with an exception, answered by a dropped connection or answered damaged, the four alike. Used by the
 * server's one thread only.
 */
final class Chaos {

    /** No chaos: every request is answered as the device's own fault, if any, says. */
    static final Chaos NONE = new Chaos(0, new SplittableRandom());
    /** Modbus exception 4, server device failure: what a meter busy with itself answers. */
    static final int DEVICE_FAILURE = 4;

    private static final Fault.Corruption[] CORRUPTIONS = Fault.Corruption.values();

    private final double rate;
    private final SplittableRandom random;

    /** @param rate share of requests met by a fault, 0..1 */
    Chaos(double rate, SplittableRandom random) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("chaos rate must be 0..1, was " + rate);
        }
        this.rate = rate;
        this.random = random;
    }

    /** The fault that meets this request, if one does. */
    Optional<Fault> draw() {
        if (rate == 0 || random.nextDouble() >= rate) {
            return Optional.empty();
        }
        return Optional.of(switch (random.nextInt(4)) {
            case 0 -> new Fault.NoReply();
            case 1 -> new Fault.ExceptionReply(DEVICE_FAILURE);
            case 2 -> new Fault.DropConnection();
            default -> new Fault.Corrupt(CORRUPTIONS[random.nextInt(CORRUPTIONS.length)]);
        });
    }
}
