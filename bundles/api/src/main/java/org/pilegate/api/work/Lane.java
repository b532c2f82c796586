package org.pilegate.api.work;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line of work (a pile's, or a component's) on threads shared by all: one step at a time, in the order given. A
 * step may end in a stage, such as a pile's relay closing its contactor; the next step waits for that stage without
 * holding a thread, so lanes that wait do not hold up the others. A lane whose steps are all background steps waits
 * for a thread as background work does ({@link GatewayThreads#background()}); one step of the dialogue queued behind
 * them makes the lane wait as the dialogue does.
 */
public final class Lane implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor threads;
    private final Executor background;
    private final Queue<Step> steps = new ArrayDeque<>();
    private boolean running; // guarded by this: a turn is handed over or under way
    private int dialogueSteps; // guarded by this: queued steps that are not background steps
    private Turn handedOver; // guarded by this: the turn handed to the threads and not begun yet

    /** A lane all of whose steps are of one kind. */
    public Lane(Executor threads) {
        this(threads, threads);
    }

    /** @param background where the lane waits while it has only background steps */
    public Lane(Executor threads, Executor background) {
        this.threads = threads;
        this.background = background;
    }

    /** A step that ends when {@code task} returns; what it throws is logged. */
    @Override
    public void execute(Runnable task) {
        enqueue(new Step(ran(task), false));
    }

    /** As {@link #execute}, a step that may wait behind other lanes' dialogue. */
    public void executeInBackground(Runnable task) {
        enqueue(new Step(ran(task), true));
    }

    /**
     * A step that ends when the stage {@code step} returns completes; the steps after it wait until then.
     *
     * @return the stage's outcome, or what {@code step} threw
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> step) {
        return submit(step, false);
    }

    /** As {@link #submit}, a step that may wait behind other lanes' dialogue. */
    public <T> CompletableFuture<T> submitInBackground(Supplier<? extends CompletionStage<T>> step) {
        return submit(step, true);
    }

    /** What a stage failed with, without the {@link CompletionException} that dependent stages wrap it in. */
    public static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> step, boolean inBackground) {
        CompletableFuture<T> result = new CompletableFuture<>();
        enqueue(new Step(() -> {
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
        }, inBackground));
        return result;
    }

    private static Supplier<CompletionStage<?>> ran(Runnable task) {
        return () -> {
            task.run();
            return DONE;
        };
    }

    private void enqueue(Step step) {
        Turn turn;
        boolean raised;
        synchronized (this) {
            steps.add(step);
            if (!step.inBackground()) {
                dialogueSteps++;
            }
            if (!running) {
                running = true;
                turn = new Turn(dialogueSteps > 0);
                handedOver = turn;
                raised = false;
            } else if (!step.inBackground() && handedOver != null && handedOver.inBackground) {
                // the turn waiting as background work is handed over again, to be taken as the dialogue is
                turn = handedOver;
                turn.inBackground = false;
                raised = true;
            } else {
                return;
            }
        }
        handOver(turn, raised);
    }

    /** Hands a new turn over once a step's stage has completed. */
    private void next() {
        Turn turn;
        synchronized (this) {
            turn = new Turn(dialogueSteps > 0);
            handedOver = turn;
        }
        handOver(turn, false);
    }

    /** @param raised whether the turn is already with the threads, as background work that still runs if refused */
    private void handOver(Turn turn, boolean raised) {
        try {
            (turn.inBackground ? background : threads).execute(turn);
        } catch (RuntimeException rejected) {
            if (raised) {
                return;
            }
            synchronized (this) {
                running = false;
                handedOver = null;
            }
            throw rejected;
        }
    }

    /** Runs the queued steps until one is still under way when it returns, or none is left. */
    private void runSteps() {
        while (true) {
            Step step;
            synchronized (this) {
                step = steps.poll();
                if (step == null) {
                    running = false;
                    return;
                }
                if (!step.inBackground()) {
                    dialogueSteps--;
                }
            }
            CompletableFuture<?> underway = run(step.work());
            if (!underway.isDone()) {
                underway.whenComplete((ignored, failure) -> next());
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

    private record Step(Supplier<CompletionStage<?>> work, boolean inBackground) {
    }

    /** One turn of the lane on a thread; handed over twice when raised, it runs once, when first taken. */
    private final class Turn implements Runnable {

        private final AtomicBoolean taken = new AtomicBoolean();
        volatile boolean inBackground; // written under the lane's lock

        Turn(boolean forDialogue) {
            this.inBackground = !forDialogue;
        }

        @Override
        public void run() {
            if (!taken.compareAndSet(false, true)) {
                return;
            }
            synchronized (Lane.this) {
                if (handedOver == this) {
                    handedOver = null;
                }
            }
            runSteps();
        }
    }
}
