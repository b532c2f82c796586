package org.pilegate.web.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.plan.Hold;
import org.pilegate.api.plan.PilePlan;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;

/** A pile controller that only reports a fixed status: the dashboard reads, it never commands. */
record StubPile(PileStatus status) implements PileController {

    /** The depot's plan as the stub piles see it: every charging pile held back by a feeder at 16 A. */
    @Override
    public Optional<Plan> plan() {
        if (status.state() != PileState.CHARGING) {
            return Optional.empty();
        }
        Instant at = status.at();
        PilePlan planned = new PilePlan(status.pileId(), 16, List.of(16), 690, 2_760, OptionalLong.empty(),
                new Hold(Hold.Kind.FEEDER, "feeder board-b, phase L2 at 63 A"));
        return Optional.of(new Plan(List.of(at, at.plusSeconds(900)), Map.of(status.pileId(), planned),
                List.of(11_040L)));
    }

    static StubPile charging(String id, long powerW, String session) {
        return new StubPile(new PileStatus(new PileId(id), PileState.CHARGING, PlugState.C, true, powerW, 123_456, 16,
                Optional.of(new SessionId(session)), Optional.empty(), Instant.parse("2026-11-26T08:00:00Z")));
    }

    static StubPile faulted(String id, String fault) {
        return new StubPile(new PileStatus(new PileId(id), PileState.FAULTED, PlugState.F, false, 0, 5_000, 0,
                Optional.empty(), Optional.of(fault), Instant.parse("2026-11-26T08:00:00Z")));
    }

    @Override
    public PileId id() {
        return status.pileId();
    }

    @Override
    public boolean devicesSeen() {
        return true;
    }

    @Override
    public Optional<VehicleId> vehicle() {
        return Optional.empty();
    }

    @Override
    public int maxCurrentA() {
        return 32;
    }

    @Override
    public AutoCloseable subscribe(Consumer<PileStatus> listener) {
        throw new UnsupportedOperationException("the dashboard polls");
    }

    @Override
    public void prompted() {
        throw new UnsupportedOperationException("the dashboard never prompts");
    }

    @Override
    public CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        throw new UnsupportedOperationException("the dashboard never charges");
    }

    @Override
    public CompletionStage<PileStatus> finish(String reason) {
        throw new UnsupportedOperationException("the dashboard never finishes a session");
    }
}
