package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;

/** A pile monitor whose relay takes every command and reports it back. */
final class TestPile {

    final PileId id;
    final List<RelayCommand> commands = new ArrayList<>();
    final PileMonitor monitor;
    private final Clock clock;
    private boolean closed;
    private int limitA;

    TestPile(PileId id, Clock clock) {
        this.id = id;
        this.clock = clock;
        this.monitor = new PileMonitor(id, id + ".meter", id + ".relay", clock, Duration.ofSeconds(10),
                Duration.ofMinutes(15), this::execute);
    }

    void plug() {
        monitor.onMeterReading(new MeterReading(clock.instant(), 1_000, 0, ReadingQuality.GOOD, Optional.empty()));
        monitor.onRelayState(relay(PlugState.B, closed, limitA));
    }

    void unplug() {
        closed = false;
        monitor.onRelayState(relay(PlugState.A, false, 0));
    }

    RelayCommand last() {
        assertFalse(commands.isEmpty(), "the relay got no command");
        return commands.get(commands.size() - 1);
    }

    RelayState relay(PlugState plug, boolean contactorClosed, int currentLimitA) {
        return new RelayState(contactorClosed, plug, Optional.empty(), currentLimitA, clock.instant());
    }

    private CompletionStage<RelayState> execute(RelayCommand command) {
        commands.add(command);
        if (command instanceof RelayCommand.CloseContactor close) {
            closed = true;
            limitA = close.currentLimitA();
        } else if (command instanceof RelayCommand.SetCurrentLimit limit) {
            limitA = limit.currentLimitA();
        } else {
            closed = false;
            limitA = 0;
        }
        return CompletableFuture.completedFuture(relay(PlugState.B, closed, limitA));
    }
}
