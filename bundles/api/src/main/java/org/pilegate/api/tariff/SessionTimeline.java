package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a session is priced from: its start and end and the meter samples in between, in time order. Energy is the
 * difference of registers; charging and parking time follow the samples' {@code charging} flags.
 *
 * @param start when the session began (plug-in)
 * @param end when it ended, or now for a running session
 * @param samples at least one, none before {@code start} or after {@code end}, in time order
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
            throw new IllegalArgumentException("a timeline needs at least one sample");
        }
        Instant previous = start;
        for (MeterSample sample : samples) {
            if (sample.at().isBefore(previous) || sample.at().isAfter(end)) {
                throw new IllegalArgumentException("sample at " + sample.at() + " is out of order or outside "
                        + start + " .. " + end);
            }
            previous = sample.at();
        }
    }
}
