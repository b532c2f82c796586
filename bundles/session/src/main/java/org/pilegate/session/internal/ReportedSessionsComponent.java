package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.ReportedSession;
import org.pilegate.api.session.ReportedSessions;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.time.SteadyClock;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.PaymentRefusedException;
import org.pilegate.api.wallet.Wallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions piles report after the fact, billed once: the session is stored finished with its measured points, its
 * fee is issued as for any session, and paid from the vehicle's account, the card the driver presented at the pile
 * standing for the confirmation a terminal would give. The session id, the fee (one per session) and the wallet's
 * payment (one per session) each make a second report change nothing.
 */
@Component(service = ReportedSessions.class)
public class ReportedSessionsComponent implements ReportedSessions {

    private static final Logger LOG = LoggerFactory.getLogger(ReportedSessionsComponent.class);

    private final JdbcSessions sessions;
    private final SessionOverviews overviews;
    private final Settlement settlement;
    private final VehicleRegistry registry;
    private final Supplier<Optional<Wallet>> wallet;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Pricing pricingService;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Wallet walletService;

    @Activate
    public ReportedSessionsComponent(@Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference VehicleRegistry registry) {
        this.sessions = new JdbcSessions(dataSource);
        JdbcFees fees = new JdbcFees(dataSource);
        this.overviews = new SessionOverviews(sessions, fees);
        this.wallet = () -> Optional.ofNullable(walletService);
        this.settlement = new Settlement(sessions, fees, registry, () -> Optional.ofNullable(pricingService), wallet,
                Clock.tick(SteadyClock.system(), Duration.ofMillis(1)));
        this.registry = registry;
    }

    ReportedSessionsComponent(DataSource dataSource, VehicleRegistry registry, Supplier<Optional<Pricing>> pricing,
            Supplier<Optional<Wallet>> wallet, Clock clock) {
        this.sessions = new JdbcSessions(dataSource);
        JdbcFees fees = new JdbcFees(dataSource);
        this.overviews = new SessionOverviews(sessions, fees);
        this.wallet = wallet;
        this.settlement = new Settlement(sessions, fees, registry, pricing, wallet, clock);
        this.registry = registry;
    }

    @Override
    public SessionOverview report(ReportedSession reported) {
        SessionRecord record = sessions.find(reported.id()).orElseGet(() -> recorded(reported));
        if (record.state() == SessionState.FINISHED) {
            Optional<FeeNotice> fee = settlement.feeOf(record);
            if (fee.isPresent()) {
                record = paid(record, fee.get());
            }
        }
        return overviews.overview(record);
    }

    private SessionRecord recorded(ReportedSession reported) {
        Optional<AccountId> account = reported.vehicle().flatMap(registry::accountOf);
        ChargingSession session = new ChargingSession(reported.id(), reported.pile(), reported.vehicle(),
                SessionState.FINISHED, reported.startedAt(), reported.startRegisterWh(),
                Optional.of(later(reported.endedAt(), reported.startedAt())),
                Optional.of(Math.max(reported.endRegisterWh(), reported.startRegisterWh())), Optional.empty());
        SessionRecord record = new SessionRecord(session, account, reported.startedAt(), Optional.empty(),
                Optional.of("reported by the pile after the fact: " + reported.reason()));
        try {
            sessions.insert(record);
        } catch (IllegalStateException raced) {
            // the same session reported on another connection at the same moment
            return sessions.find(reported.id()).orElseThrow(() -> raced);
        }
        sessions.appendAll(points(reported));
        LOG.info("Session {} on {} reported after the fact: {} Wh from {} to {}", reported.id(), reported.pile(),
                session.deliveredWh(session.endEnergyWh().orElseThrow()), reported.startedAt(), reported.endedAt());
        return record;
    }

    private SessionRecord paid(SessionRecord ended, FeeNotice fee) {
        Optional<Wallet> wallets = wallet.get();
        if (ended.account().isEmpty() || wallets.isEmpty()) {
            LOG.warn("Session {}: fee {} stays due: {}", ended.id(), fee.total(), ended.account().isEmpty()
                    ? "the vehicle belongs to no account" : "no wallet is running");
            return ended;
        }
        try {
            wallets.get().paySessionFee(ended.id(), fee.feeId(), ended.account().get(), fee.total());
        } catch (PaymentRefusedException e) {
            LOG.warn("Session {}: fee {} stays due: {}", ended.id(), fee.total(), e.getMessage());
            return ended;
        }
        SessionRecord paid = ended.paid();
        sessions.update(paid);
        LOG.info("Session {}: {} paid by account {}", ended.id(), fee.total(), ended.account().get());
        return paid;
    }

    /** The reported samples within the session, as its recorded status points: what pricing reads. */
    private static List<TickBatch.Entry> points(ReportedSession reported) {
        List<TickBatch.Entry> points = new ArrayList<>();
        for (MeterSample sample : reported.samples()) {
            if (sample.at().isBefore(reported.startedAt()) || sample.at().isAfter(reported.endedAt())) {
                continue;
            }
            points.add(new TickBatch.Entry(reported.id(), new StatusPoint(points.size() + 1L, sample.at(),
                    sample.charging() ? SessionState.CHARGING : SessionState.SUSPENDED,
                    sample.powerW().orElse(0), sample.registerWh())));
        }
        return points;
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
