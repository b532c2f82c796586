package org.pilegate.shell.internal;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for what a command set going, and hands the operator the reason when it failed rather than a wrapper. */
final class Outcome {

    /** Longer than a session takes to settle after its contactor opened. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private Outcome() {
    }

    /**
     * @throws IllegalStateException when {@code what} did not happen within {@link #PATIENCE}
     * @throws RuntimeException the failure itself, unwrapped
     */
    static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(what + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not complete within " + PATIENCE.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }
}
