package org.pilegate.modbus.internal;

import java.time.Duration;

import org.pilegate.modbus.EndpointSettings;

/** Delay before a retry: exponential, capped, with jitter. */
final class Backoff {

    private Backoff() {
    }

    /**
     * @param retry 1 for the first retry
     * @param jitter a random number in [0, 1); the delay is drawn from the upper half of the exponential step so
     *            that pollers that failed together do not retry together, yet never retry at once
     */
    static Duration delay(EndpointSettings settings, int retry, double jitter) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, was " + retry);
        }
        long cap = settings.backoffMax().toNanos();
        long step = Math.min(settings.backoffBase().toNanos(), cap);
        for (int i = 1; i < retry && step < cap; i++) {
            step = Math.min(cap, step * 2);
        }
        long half = step / 2;
        return Duration.ofNanos(step - half + (long) (jitter * half));
    }
}
