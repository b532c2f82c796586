package org.pilegate.platform.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.SharedThreads;

/** The one set of shared threads every pilegate component runs its work on. */
@Component(service = GatewayThreads.class)
public class GatewayThreadsComponent implements GatewayThreads {

    /**
     * Workers for every pile's and component's steps. Steps wait for the store's commits, so there are more than
     * cores; nothing else waits on them (a step waiting for a device ends in a stage).
     */
    static final int WORKERS = 16;

    private final SharedThreads threads = new SharedThreads(WORKERS);

    @Activate
    public GatewayThreadsComponent() {
        // the threads start with the component
    }

    @Deactivate
    void deactivate() {
        threads.close();
    }

    @Override
    public Executor workers() {
        return threads.workers();
    }

    @Override
    public Executor background() {
        return threads.background();
    }

    @Override
    public Duration backlog() {
        return threads.backlog();
    }

    @Override
    public Scheduled after(Duration delay, Runnable task) {
        return threads.after(delay, task);
    }

    @Override
    public Scheduled every(Duration initialDelay, Duration period, Runnable task) {
        return threads.every(initialDelay, period, task);
    }
}
