package org.pilegate.pile.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One thread that looks at every pile once a second for devices gone silent; no thread per pile. */
@Component(service = PileWatch.class)
public class PileWatchdog implements PileWatch {

    private static final Logger LOG = LoggerFactory.getLogger(PileWatchdog.class);

    private final Set<PileMonitor> monitors = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

    @Activate
    void activate() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pilegate-pile-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkAll, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    @Override
    public void watch(PileMonitor monitor) {
        monitors.add(monitor);
    }

    @Override
    public void forget(PileMonitor monitor) {
        monitors.remove(monitor);
    }

    private void checkAll() {
        for (PileMonitor monitor : monitors) {
            try {
                monitor.checkSilence();
            } catch (RuntimeException e) {
                LOG.warn("Pile watchdog check failed", e);
            }
        }
    }
}
