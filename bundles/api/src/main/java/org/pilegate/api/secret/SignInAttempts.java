package org.pilegate.api.secret;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * How many sign-ins each name (an account, a terminal, a client address) had lately, to refuse guessing. An attempt is reserved before its password
 * is checked, so parallel guesses cannot pass the limit together; a success releases it. What is remembered is
 * bounded: a name's count lapses {@code window} after its first attempt, and at most {@code capacity} names are held.
 * When that many names were tried within one window, a name not held yet waits until the oldest lapses: forgetting a
 * held one instead would let a flood of made-up names reset the count of the account under attack. Times are
 * monotonic, so a step of the wall clock neither lifts nor prolongs a lock-out.
 */
public final class SignInAttempts {

    /** Refused: too many attempts for this name lately. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused() {
            super(null, null, false, false);
        }
    }

    private record Window(long sinceNanos, int count) {
    }

    private final int limit;
    private final long windowNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    /** In order of each name's first attempt of its window, so the oldest lapse first. Guarded by itself. */
    private final LinkedHashMap<String, Window> recent = new LinkedHashMap<>();

    /**
     * @param limit attempts a name has within one window
     * @param window how long a name's count lasts from its first attempt
     * @param capacity names held at most
     * @param nanoTime the monotonic clock, {@code System::nanoTime}
     */
    public SignInAttempts(int limit, Duration window, int capacity, LongSupplier nanoTime) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** Counts an attempt for {@code name} before it is checked; {@link #succeeded} takes it back. */
    public void reserve(String name) throws Refused {
        long now = nanoTime.getAsLong();
        synchronized (recent) {
            Window window = recent.get(name);
            if (window != null && now - window.sinceNanos() >= windowNanos) {
                recent.remove(name);
                window = null;
            }
            if (window == null) {
                makeRoom(now);
                recent.put(name, new Window(now, 1));
            } else if (window.count() >= limit) {
                throw new Refused();
            } else {
                recent.put(name, new Window(window.sinceNanos(), window.count() + 1));
            }
        }
    }

    /** The checked password was right: the name starts afresh. */
    public void succeeded(String name) {
        synchronized (recent) {
            recent.remove(name);
        }
    }

    /** How many names are held now. */
    public int remembered() {
        synchronized (recent) {
            return recent.size();
        }
    }

    private void makeRoom(long now) throws Refused {
        var oldest = recent.values().iterator();
        while (oldest.hasNext() && now - oldest.next().sinceNanos() >= windowNanos) {
            oldest.remove();
        }
        if (recent.size() >= capacity) {
            throw new Refused();
        }
    }
}
