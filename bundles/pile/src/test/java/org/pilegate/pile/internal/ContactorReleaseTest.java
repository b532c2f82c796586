package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;

class ContactorReleaseTest {

    private static final Instant OPENED = Instant.parse("2026-12-04T01:00:00Z");

    private final ContactorRelease release = new ContactorRelease();

    @Test
    void anEndAfterTheRelayShowedTheContactorOpenSendsNothingAndKeepsWhenItOpened() {
        assertTrue(release.want());
        release.answered();
        release.shows(relay(false), OPENED);

        // the pile faults before the register after the open came: that register still counts
        assertFalse(release.want(), "nothing to send to an open contactor");
        assertTrue(release.readAfterOpen(reading(OPENED.plusMillis(200))));
        assertFalse(release.readAfterOpen(reading(OPENED.minusMillis(200))));
    }

    @Test
    void aPollOlderThanTheOpenShowingTheContactorClosedDoesNotUndoIt() {
        release.want();
        release.answered();
        release.shows(relay(false), OPENED);
        release.shows(relay(true), OPENED.plusMillis(100));

        assertFalse(release.want());
        assertTrue(release.readAfterOpen(reading(OPENED.plusSeconds(1))));
    }

    @Test
    void anOpenSeenBeforeTheNextChargeDoesNotCountForItsEnd() {
        release.want();
        release.answered();
        release.shows(relay(false), OPENED);
        release.closing();

        assertTrue(release.want(), "the open is sent for the next end");
        assertFalse(release.readAfterOpen(reading(OPENED.plusSeconds(2))), "read before it showed open again");
    }

    @Test
    void aHeldSessionIsHeldUntilSettledOrTheNextCharge() {
        release.hold();
        assertTrue(release.holds());
        release.settled();
        assertFalse(release.holds());

        release.hold();
        release.closing();
        assertFalse(release.holds());
    }

    private static RelayState relay(boolean closed) {
        return new RelayState(closed, PlugState.B, Optional.empty(), 16, OPENED);
    }

    private static Optional<MeterReading> reading(Instant askedAt) {
        return Optional.of(new MeterReading(askedAt, 1_000, 0, ReadingQuality.GOOD, Optional.empty()));
    }
}
