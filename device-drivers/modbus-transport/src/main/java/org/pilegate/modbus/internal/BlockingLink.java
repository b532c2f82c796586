package org.pilegate.modbus.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.ModbusException;

import com.google.common.util.concurrent.MoreExecutors;

/**
 * A j2mod link, whose IO blocks, on the IO pool: the endpoint borrows a pool thread while it has a step to run. A
 * step queued from a step's completion runs next on the same thread, so an endpoint with work keeps its thread
 * instead of handing over between transactions.
 */
final class BlockingLink implements AsyncLink {

    @FunctionalInterface
    private interface Step<T> {
        T run() throws ModbusException;
    }

    private final Link link;
    private final Executor steps;

    BlockingLink(Link link, Executor io) {
        this.link = link;
        this.steps = MoreExecutors.newSequentialExecutor(io);
    }

    @Override
    public CompletionStage<Void> open(int timeoutMillis) {
        return step(() -> {
            link.open(timeoutMillis);
            return null;
        });
    }

    @Override
    public boolean isOpen() {
        return link.isOpen();
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public <T> CompletionStage<T> execute(Operation<T> operation, int timeoutMillis) {
        return step(() -> link.execute(operation, timeoutMillis));
    }

    private <T> CompletionStage<T> step(Step<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            steps.execute(() -> {
                try {
                    result.complete(step.run());
                } catch (ModbusException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ModbusConnectionException("Modbus transport stopped", e));
        }
        return result;
    }
}
