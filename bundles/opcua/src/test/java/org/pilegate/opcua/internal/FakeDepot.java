package org.pilegate.opcua.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;

/** The operator services as the contracts describe them, for piles with a 32 A maximum, recording what was asked. */
final class FakeDepot implements DepotControl, SessionDirectory {

    private final Map<PileId, PileSettings> settings = new ConcurrentHashMap<>();
    private final Map<SessionId, ChargingSession> sessions = new ConcurrentHashMap<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    private volatile OptionalLong sitePowerLimitW = OptionalLong.empty();
    volatile Optional<Plan> plan = Optional.empty();

    void running(SessionId id, String pile, long startEnergyWh, Instant startedAt) {
        sessions.put(id, new ChargingSession(id, new PileId(pile), Optional.empty(), SessionState.CHARGING, startedAt,
                startEnergyWh, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Override
    public PileSettings settings(PileId pile) {
        return settings.getOrDefault(pile, PileSettings.UNRESTRICTED);
    }

    @Override
    public CompletionStage<PileStatus> setAvailable(PileId pile, boolean available) {
        settings.compute(pile, (id, old) -> new PileSettings(available,
                old == null ? OptionalInt.empty() : old.currentLimitA()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<PileStatus> limitCurrent(PileId pile, OptionalInt limitA) {
        if (limitA.isPresent() && (limitA.getAsInt() < 6 || limitA.getAsInt() > 32)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("6..32 A on " + pile));
        }
        settings.compute(pile, (id, old) -> new PileSettings(old == null || old.available(), limitA));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<Plan> plan() {
        return plan;
    }

    @Override
    public OptionalLong sitePowerLimitW() {
        return sitePowerLimitW;
    }

    @Override
    public void limitSitePower(OptionalLong limitW) {
        sitePowerLimitW = limitW;
    }

    @Override
    public List<SessionOverview> list(SessionQuery query) {
        return List.of();
    }

    @Override
    public Optional<SessionOverview> find(SessionId id) {
        return Optional.ofNullable(sessions.get(id)).map(session -> new SessionOverview(session, Optional.empty(),
                Optional.empty(), 0, Optional.empty()));
    }

    @Override
    public CompletionStage<SessionOverview> stop(SessionId id, String reason) {
        if (!sessions.containsKey(id)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no session " + id));
        }
        stopped.add(id + ": " + reason);
        return CompletableFuture.completedFuture(find(id).orElseThrow());
    }
}
