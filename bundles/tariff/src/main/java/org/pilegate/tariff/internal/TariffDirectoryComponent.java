package org.pilegate.tariff.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffCalculator;
import org.pilegate.tariff.TariffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tariff directory of the site, read from the tariff folder and kept up to date by polling it. Immediate, so that
 * the operator sees at start which tariffs are in force and which files are refused.
 */
@Component(service = TariffDirectory.class, configurationPid = TariffSettings.PID, immediate = true)
@Designate(ocd = TariffConfig.class)
public class TariffDirectoryComponent implements TariffDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(TariffDirectoryComponent.class);

    private final TariffFolder folder;
    private final ZoneId siteZone;
    private final Clock clock;
    private final ScheduledExecutorService poller;

    @Activate
    public TariffDirectoryComponent(BundleContext context, TariffConfig config) {
        this(TariffSettings.from(config, Optional.ofNullable(context.getProperty("karaf.etc")).map(Path::of)),
                Clock.systemUTC());
    }

    TariffDirectoryComponent(TariffSettings settings, Clock clock) {
        this.folder = new TariffFolder(settings.folder());
        this.siteZone = settings.siteZone();
        this.clock = clock;
        folder.rescan();
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pilegate-tariff-folder");
            thread.setDaemon(true);
            return thread;
        });
        long intervalMs = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::rescan, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        LOG.info("Tariffs from {} in time zone {}, read again every {} s", settings.folder(), siteZone,
                settings.pollInterval().toSeconds());
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    @Override
    public Optional<Tariff> tariffFor(PileId pile) {
        return folder.catalog().tariffFor(pile, clock.instant());
    }

    @Override
    public Optional<String> summaryFor(PileId pile) {
        return tariffFor(pile).map(TariffSummary::of);
    }

    @Override
    public Optional<SessionFee> price(PileId pile, SessionTimeline timeline) {
        return folder.catalog().tariffFor(pile, timeline.start()).map(tariff -> price(tariff, timeline));
    }

    @Override
    public SessionFee price(Tariff tariff, SessionTimeline timeline) {
        return TariffCalculator.price(tariff, siteZone, timeline);
    }

    @Override
    public ZoneId siteZone() {
        return siteZone;
    }

    TariffFolder folder() {
        return folder;
    }

    private void rescan() {
        try {
            folder.rescan();
        } catch (RuntimeException e) {
            // the poller must survive whatever one scan runs into
            LOG.error("Reading the tariff folder failed; trying again at the next poll", e);
        }
    }
}
