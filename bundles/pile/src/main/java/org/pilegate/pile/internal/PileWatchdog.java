package org.pilegate.pile.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Looks at every pile once a second for devices gone silent, on the gateway's shared threads. */
@Component(service = PileWatch.class)
public class PileWatchdog implements PileWatch {

    private static final Logger LOG = LoggerFactory.getLogger(PileWatchdog.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private final Set<PileMonitor> monitors = ConcurrentHashMap.newKeySet();
    private final GatewayThreads.Scheduled checking;

    @Activate
    public PileWatchdog(@Reference GatewayThreads threads) {
        checking = threads.every(CHECK_EVERY, CHECK_EVERY, this::checkAll);
    }

    @Deactivate
    void deactivate() {
        checking.cancel();
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
