package org.pilegate.ocpp16.internal;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** What a stage failed with, for tests that expect it to. */
public final class Stages {

    private Stages() {
    }

    public static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the stage completed normally");
    }
}
