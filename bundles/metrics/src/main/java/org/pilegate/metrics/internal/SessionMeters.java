package org.pilegate.metrics.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;

/**
 * {@code pilegate_sessions_open{state}}: sessions not ended yet, by state (pending, charging, suspended), from the
 * session directory. NaN while the directory is not running or cannot be read: unknown, not zero. Ended sessions
 * are not listed at every scrape; the piles' {@code pilegate_pile_sessions_finished_total} counts them.
 */
@Component
public class SessionMeters {

    static final Set<SessionState> OPEN = Set.of(SessionState.PENDING, SessionState.CHARGING, SessionState.SUSPENDED);
    /** Far above the open sessions a depot can have: one per pile. */
    private static final int MAX_OPEN = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(SessionMeters.class);

    private final MeterGroup group;
    private final Supplier<Optional<Map<SessionState, Long>>> openByState;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SessionDirectory directory;

    @Activate
    public SessionMeters(@Reference(name = "meters") GatewayMeters meters) {
        group = meters.group();
        openByState = group.keep(meters.perScrape(this::countOpen));
        for (SessionState state : OPEN) {
            group.add(Gauge.builder("pilegate.sessions.open", openByState,
                            counts -> counts.get().map(byState -> byState.getOrDefault(state, 0L).doubleValue())
                                    .orElse(Double.NaN))
                    .description("Sessions not ended yet, by state; NaN while the session directory cannot be read")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(group.registry()));
        }
    }

    SessionMeters(GatewayMeters meters, SessionDirectory directory) {
        this(meters);
        this.directory = directory;
    }

    @Deactivate
    void deactivate() {
        group.close();
    }

    private Optional<Map<SessionState, Long>> countOpen() {
        SessionDirectory sessions = directory;
        if (sessions == null) {
            return Optional.empty();
        }
        try {
            Map<SessionState, Long> counts = new EnumMap<>(SessionState.class);
            for (SessionOverview overview : sessions.list(new SessionQuery(OPEN, Optional.empty(), Optional.empty(),
                    MAX_OPEN))) {
                counts.merge(overview.session().state(), 1L, Long::sum);
            }
            return Optional.of(counts);
        } catch (RuntimeException e) {
            LOG.debug("Open sessions could not be counted", e);
            return Optional.empty();
        }
    }
}
