package org.pilegate.modbus.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one after another, in submission order, on a shared pool. Gives each endpoint its own queue without
 * a thread of its own: a pool thread is borrowed only while the endpoint has work.
 */
final class SerialQueue implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;

    SerialQueue(Executor pool) {
        this.pool = pool;
    }

    /** @throws java.util.concurrent.RejectedExecutionException if the pool no longer accepts work */
    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (this) {
                tasks.clear();
                draining = false;
            }
            throw e;
        }
    }

    private void drain() {
        for (Runnable task = next(); task != null; task = next()) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Queued Modbus task failed", e);
            }
        }
    }

    private synchronized Runnable next() {
        Runnable task = tasks.poll();
        if (task == null) {
            draining = false;
        }
        return task;
    }
}
