package org.pilegate.session.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.RunningPrice;

/**
 * An open session's timeline for its fee so far, priced at every status update. It is handed to the pricing's
 * {@link RunningPrice}, which keeps only what can change the fee: pricing every sample again at every update would cost
 * a session read every 5 s for 8 hours 5,760 samples an update, and thousands of such sessions more than the gateway's
 * cores. Until a pricing is there the samples wait here, to be handed over in full when one comes.
 */
final class FeeSoFar {

    private final ChargingSession session;
    private final MonotoneSamples samples;
    private List<MeterSample> waiting = new ArrayList<>();
    private RunningPrice running; // null until a pricing was there
    private boolean warned;

    /** The session just opened, or resumed with the status points it recorded. */
    FeeSoFar(ChargingSession session, List<StatusPoint> recorded) {
        this.session = session;
        this.samples = new MonotoneSamples(session);
        waiting.add(samples.last());
        recorded.forEach(this::add);
    }

    /** The session's next recorded point. */
    void add(StatusPoint point) {
        MeterSample sample = samples.next(point);
        if (samples.ranBackwards() && !warned) {
            warned = true;
            Settlement.warnBackwards(session);
        }
        if (running == null) {
            waiting.add(sample);
        } else {
            running.add(sample);
        }
    }

    /** The session's price from its start until {@code end}, or its last point if that is later. */
    Optional<PricedSession> until(Pricing pricing, Instant end) {
        if (running == null) {
            running = pricing.running(session.pile(), session.startedAt(), waiting.get(0));
            waiting.subList(1, waiting.size()).forEach(running::add);
            waiting = null;
        }
        return running.until(samples.notBeforeLast(end));
    }
}
