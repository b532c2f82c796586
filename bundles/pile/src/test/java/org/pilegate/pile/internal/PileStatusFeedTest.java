package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;

class PileStatusFeedTest {

    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");

    private final PileStatusFeed feed = new PileStatusFeed(status(PileState.AVAILABLE, 0, T0));
    private final List<PileStatus> heard = new ArrayList<>();

    @Test
    void aStatusThatDiffersOnlyInItsTimeIsNotPublished() {
        feed.subscribe(heard::add);
        PileStatus first = feed.published();

        feed.offer(status(PileState.AVAILABLE, 0, T0.plusSeconds(1)));

        assertEquals(List.of(), heard);
        assertSame(first, feed.published());
    }

    @Test
    void aChangedStatusReachesEveryListenerEvenAfterOneThrew() {
        feed.subscribe(status -> {
            throw new IllegalStateException("a broken listener");
        });
        feed.subscribe(heard::add);
        PileStatus plugged = status(PileState.PLUGGED, 0, T0.plusSeconds(1));
        PileStatus drawing = status(PileState.PLUGGED, 7_400, T0.plusSeconds(2));

        feed.offer(plugged);
        feed.offer(drawing);

        assertEquals(List.of(plugged, drawing), heard);
        assertSame(drawing, feed.published());
    }

    @Test
    void anEndedSubscriptionHearsNothingMore() throws Exception {
        AutoCloseable subscription = feed.subscribe(heard::add);
        subscription.close();

        feed.offer(status(PileState.PLUGGED, 0, T0));

        assertEquals(List.of(), heard);
    }

    private static PileStatus status(PileState state, long powerW, Instant at) {
        return new PileStatus(new PileId("bay-07"), state, PlugState.A, false, powerW, 1_000, 0, Optional.empty(),
                Optional.empty(), at);
    }
}
