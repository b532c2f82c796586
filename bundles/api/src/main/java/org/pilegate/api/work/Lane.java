package org.pilegate.api.work;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line of work (a pile's, or a component's) on threads shared by all: one step at a time, in the order given. A
 * step may end in a stage, such as a pile's relay closing its contactor; the next step waits for that stage without
 * holding a thread, so lanes that wait do not hold up the others.
 */
public final class Lane implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor threads;
    private final Queue<Supplier<CompletionStage<?>>> steps = new ArrayDeque<>();
    private boolean running; // guarded by this

    public Lane(Executor threads) {
        this.threads = threads;
    }

    /** A step that ends when {@code task} returns; what it throws is logged. */
    @Override
    public void execute(Runnable task) {
        enqueue(() -> {
            task.run();
            return DONE;
        });
    }

    /**
     * A step that ends when the stage {@code step} returns completes; the steps after it wait until then.
     *
     * @return the stage's outcome, or what {@code step} threw
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        enqueue(() -> {
            CompletionStage<T> stage;
            try {
                stage = step.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return DONE;
            }
            return stage.whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(unwrapped(failure));
                }
            });
        });
        return result;
    }

    /** What a stage failed with, without the {@link CompletionException} that dependent stages wrap it in. */
    public static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void enqueue(Supplier<CompletionStage<?>> step) {
        synchronized (this) {
            steps.add(step);
            if (running) {
                return;
            }
            running = true;
        }
        start();
    }

    private void start() {
        try {
            threads.execute(this::runSteps);
        } catch (RuntimeException rejected) {
            synchronized (this) {
                running = false;
            }
            throw rejected;
        }
    }

    /** Runs the queued steps until one is still under way when it returns, or none is left. */
    private void runSteps() {
        while (true) {
            Supplier<CompletionStage<?>> step;
            synchronized (this) {
                step = steps.poll();
                if (step == null) {
                    running = false;
                    return;
                }
            }
            CompletableFuture<?> underway = run(step);
            if (!underway.isDone()) {
                underway.whenComplete((ignored, failure) -> start());
                return;
            }
        }
    }

    private static CompletableFuture<?> run(Supplier<CompletionStage<?>> step) {
        try {
            return step.get().toCompletableFuture();
        } catch (RuntimeException e) {
            LOG.error("A step of a lane failed", e);
            return DONE;
        }
    }
}
