package org.pilegate.itests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Bounded waiting for services and conditions inside the container. */
final class Services {

    private Services() {
    }

    /** The service of {@code type} matching {@code filter}, waiting up to {@code timeout} for it to appear. */
    static <T> T await(BundleContext context, Class<T> type, String filter, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                for (ServiceReference<T> reference : context.getServiceReferences(type, filter)) {
                    T service = context.getService(reference);
                    if (service != null) {
                        return service;
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(filter, e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + type.getSimpleName() + " " + filter + " within " + timeout);
            }
            pause();
        }
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not within " + timeout);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
