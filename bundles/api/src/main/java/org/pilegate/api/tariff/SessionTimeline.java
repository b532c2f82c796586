package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a session is priced from: from plug-in to departure, with the meter samples in between. Energy is the
 * difference of registers; charging and parking time follow the samples' {@code charging} flags.
 *
 * @param start when the session began; until the first sample, that sample's state holds with no energy
 * @param end when the session ended, or now for a running session; after the last sample, that sample's state holds
 *        with no further energy
 * @param samples at least one, within start and end, in time order (equal times allowed), registers never
 *        decreasing
 */
public record SessionTimeline(Instant start, Instant end, List<MeterSample> samples) {

    public SessionTimeline {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        samples = List.copyOf(samples);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples must hold at least one sample");
        }
        checkFirst(start, samples.get(0));
        for (int i = 1; i < samples.size(); i++) {
            checkNext(samples.get(i - 1), samples.get(i), i);
        }
        if (samples.get(samples.size() - 1).at().isAfter(end)) {
            throw new IllegalArgumentException("the last sample at " + samples.get(samples.size() - 1).at()
                    + " is after the end " + end);
        }
    }

    /**
     * Checks that {@code first} may be the first sample of a session that began at {@code start}.
     *
     * @throws IllegalArgumentException if it is before the start
     */
    public static void checkFirst(Instant start, MeterSample first) {
        if (first.at().isBefore(start)) {
            throw new IllegalArgumentException("the first sample at " + first.at() + " is before the start " + start);
        }
    }

    /**
     * Checks that {@code sample}, the {@code index}th, may follow {@code previous}.
     *
     * @throws IllegalArgumentException if it is earlier, or its register lower
     */
    public static void checkNext(MeterSample previous, MeterSample sample, int index) {
        if (sample.at().isBefore(previous.at())) {
            throw new IllegalArgumentException("samples[" + index + "] at " + sample.at() + " is before samples["
                    + (index - 1) + "] at " + previous.at());
        }
        if (sample.registerWh() < previous.registerWh()) {
            throw new IllegalArgumentException("samples[" + index + "] register " + sample.registerWh()
                    + " Wh is below samples[" + (index - 1) + "] register " + previous.registerWh() + " Wh");
        }
    }

    /** Energy delivered in the session, in Wh. */
    public long energyWh() {
        return samples.get(samples.size() - 1).registerWh() - samples.get(0).registerWh();
    }
}
