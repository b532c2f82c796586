package org.pilegate.tariff.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffCalculator;
import org.pilegate.tariff.TariffDirectory;
import org.pilegate.tariff.TariffUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tariff directory of the site, read from the tariff folder and kept up to date by polling it. Immediate, so that
 * the operator sees at start which tariffs are in force and which files are refused.
 */
@Component(service = {TariffDirectory.class, TariffUpdates.class}, configurationPid = TariffSettings.PID, immediate = true)
@Designate(ocd = TariffConfig.class)
public class TariffDirectoryComponent implements TariffDirectory, TariffUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(TariffDirectoryComponent.class);

    private final Optional<Path> karafEtc;
    private final Clock clock;
    private final GatewayThreads threads;
    private volatile Running running;
    private GatewayThreads.Scheduled polling;

    /** The settings in force and the folder they name, replaced together. */
    private record Running(TariffSettings settings, TariffFolder folder) {
    }

    /** A first configuration with a wrong value fails the activation, with the same message an update gets. */
    @Activate
    public TariffDirectoryComponent(BundleContext context, @Reference GatewayThreads threads, TariffConfig config) {
        this(config, Optional.ofNullable(context.getProperty("karaf.etc")).map(Path::of), threads, Clock.systemUTC());
    }

    TariffDirectoryComponent(TariffConfig config, Optional<Path> karafEtc, GatewayThreads threads, Clock clock) {
        this.karafEtc = karafEtc;
        this.threads = threads;
        this.clock = clock;
        apply(TariffSettings.from(config, karafEtc));
    }

    /**
     * Applies a changed configuration in place, so pricing never stops. One with a wrong value is refused naming the
     * PID, the key and why (the framework logs it), and the last good settings stay in force.
     */
    @Modified
    void modified(TariffConfig config) {
        apply(TariffSettings.from(config, karafEtc));
    }

    @Deactivate
    synchronized void deactivate() {
        polling.cancel();
    }

    private synchronized void apply(TariffSettings settings) {
        Running previous = running;
        TariffFolder folder = previous != null && previous.settings().folder().equals(settings.folder())
                ? previous.folder() : new TariffFolder(settings.folder());
        folder.rescan();
        running = new Running(settings, folder);
        if (polling != null) {
            polling.cancel();
        }
        polling = threads.every(settings.pollInterval(), settings.pollInterval(), this::rescan);
        LOG.info("Tariffs from {} in time zone {}, read again every {} s", settings.folder(), settings.siteZone(),
                settings.pollInterval().toSeconds());
    }

    @Override
    public Optional<Tariff> tariffFor(PileId pile) {
        return running.folder().catalog().tariffFor(pile, clock.instant());
    }

    @Override
    public Optional<String> summaryFor(PileId pile) {
        return tariffFor(pile).map(TariffSummary::of);
    }

    @Override
    public Optional<SessionFee> price(PileId pile, SessionTimeline timeline) {
        return running.folder().catalog().tariffFor(pile, timeline.start()).map(tariff -> price(tariff, timeline));
    }

    @Override
    public Optional<RunningPrice> running(PileId pile, Instant start, MeterSample first) {
        return running.folder().catalog().tariffFor(pile, start)
                .map(tariff -> TariffCalculator.running(tariff, siteZone(), start, first));
    }

    @Override
    public SessionFee price(Tariff tariff, SessionTimeline timeline) {
        return TariffCalculator.price(tariff, siteZone(), timeline);
    }

    @Override
    public Tariff save(String ocpiJson) {
        return running.folder().save(ocpiJson);
    }

    @Override
    public ZoneId siteZone() {
        return running.settings().siteZone();
    }

    TariffFolder folder() {
        return running.folder();
    }

    private void rescan() {
        try {
            running.folder().rescan();
        } catch (RuntimeException e) {
            // the poller must survive whatever one scan runs into
            LOG.error("Reading the tariff folder failed; trying again at the next poll", e);
        }
    }
}
