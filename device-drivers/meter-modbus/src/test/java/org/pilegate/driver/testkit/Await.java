package org.pilegate.driver.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waiting for conditions and results, so no test depends on a guessed sleep. */
public final class Await {

    /** Long enough for a busy build machine: the results come in milliseconds, a failing test waits this long. */
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    public static <T> T result(CompletionStage<T> stage)
            throws InterruptedException, ExecutionException, TimeoutException {
        return stage.toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The failure a stage completed with; fails the test if it succeeded. */
    public static Throwable failure(CompletionStage<?> stage) throws InterruptedException, TimeoutException {
        try {
            Object value = result(stage);
            return fail("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
