package org.pilegate.modbus.internal;

import java.time.Clock;
import java.util.Optional;

import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointHealth.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The health state machine of one endpoint. */
final class HealthTracker {

    private static final Logger LOG = LoggerFactory.getLogger(HealthTracker.class);

    private final String endpoint;
    private final Clock clock;
    private EndpointHealth current;

    HealthTracker(String endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
        // nothing has failed yet
        this.current = new EndpointHealth(State.OK, Optional.empty(), clock.instant());
    }

    synchronized EndpointHealth snapshot() {
        return current;
    }

    /** A transaction succeeded. */
    synchronized void succeeded() {
        move(State.OK, current.lastError());
    }

    /** The device answered, but with an exception response: the link works, the request does not. */
    synchronized void answeredWithError(String error) {
        move(State.DEGRADED, Optional.of(error));
    }

    /** An attempt failed and will be retried. A DOWN endpoint stays DOWN until something succeeds. */
    synchronized void retrying(String error) {
        move(current.state() == State.DOWN ? State.DOWN : State.DEGRADED, Optional.of(error));
    }

    /** An attempt failed with no retries left. */
    synchronized void failed(String error) {
        move(State.DOWN, Optional.of(error));
    }

    private void move(State state, Optional<String> error) {
        if (state == current.state()) {
            current = new EndpointHealth(state, error, current.since());
            return;
        }
        // only DOWN and the recovery from it are news; DEGRADED can flip with every poll of a bad register
        if (state == State.DOWN) {
            LOG.warn("Modbus endpoint {} is DOWN: {}", endpoint, error.orElse(""));
        } else if (current.state() == State.DOWN) {
            LOG.info("Modbus endpoint {} is {} again", endpoint, state);
        } else {
            LOG.debug("Modbus endpoint {} is {}: {}", endpoint, state, error.orElse(""));
        }
        current = new EndpointHealth(state, error, clock.instant());
    }
}
