package org.pilegate.ocpp16.internal.rpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** How many refused messages a peer may send within a minute before it is disconnected. */
public final class RefusalBudget {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    public RefusalBudget(int limit, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
        this.clock = clock;
    }

    public int limit() {
        return limit;
    }

    /** Counts one refusal; runs {@code overspent} when it is one too many. */
    public void count(Runnable overspent) {
        Instant now = clock.instant();
        boolean over;
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(WINDOW))) {
                recent.removeFirst();
            }
            over = recent.size() > limit;
        }
        if (over) {
            overspent.run();
        }
    }
}
