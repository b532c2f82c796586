package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionState;

class SessionRecordTest {

    private static final Instant START = Instant.parse("2026-12-03T14:00:00Z");

    @Test
    void aSessionEndedBeforeItsStartByAClockSetBackStillEndsAtItsStart() {
        SessionRecord open = SessionRecord.opened(new PileId("bay-07"), Optional.empty(), Optional.empty(), 1_000,
                START).moved(SessionState.CHARGING);

        SessionRecord ended = open.ended(SessionState.FINISHED, START.minusSeconds(3_600), 2_000, "unplugged");

        assertEquals(Optional.of(START), ended.session().endedAt());
        assertEquals(Optional.of(2_000L), ended.session().endEnergyWh());
        assertEquals(SessionState.FINISHED, ended.state());
    }

    @Test
    void aSessionEndedAfterItsStartKeepsItsEnd() {
        SessionRecord open = SessionRecord.opened(new PileId("bay-07"), Optional.empty(), Optional.empty(), 1_000,
                START).moved(SessionState.CHARGING);

        assertEquals(Optional.of(START.plusSeconds(60)),
                open.ended(SessionState.FINISHED, START.plusSeconds(60), 1_500, "unplugged").session().endedAt());
    }
}
