package org.pilegate.pile.internal;

import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.relay.RelayState;

/**
 * Opening a pile's contactor until its relay shows it open, and knowing when that was. An open the relay did not
 * take (no answer, an exception, a read-back that failed) is sent again on the next relay state that still shows the
 * contactor closed, however often that takes; closing the contactor for a charge ends the wish. A session's last
 * register is a meter reading asked for after the relay showed the contactor open: an earlier one may miss the
 * energy of the last moments. A session whose pile faults is held ({@link #hold()}) until that register has come,
 * however long the relay or the meter stays silent: the energy after the last reading is not known before. Not
 * thread-safe: the pile's monitor guards it.
 */
final class ContactorRelease {

    private boolean wanted;
    private boolean sending;
    private boolean held;
    private Optional<Instant> openSince = Optional.empty();

    /**
     * The contactor must open.
     *
     * @return whether to send the open now: the relay has not shown it open since the last charge closed it (a
     *         state showing it closed that comes after that is an older poll's), and no open is on its way already
     */
    boolean want() {
        if (openSince.isPresent()) {
            return false;
        }
        wanted = true;
        return startSending();
    }

    /** The contactor is closing for a charge: an open wished before is void. */
    void closing() {
        wanted = false;
        held = false;
        openSince = Optional.empty();
    }

    /** The pile faulted with a session on it: the session is kept until its last register has come. */
    void hold() {
        held = true;
    }

    /** Whether a session is kept after its pile faulted, its last register not yet read. */
    boolean holds() {
        return held;
    }

    /** The session's last register has come: nothing is held any more. */
    void settled() {
        held = false;
    }

    /** The open sent last was answered, taken or not. */
    void answered() {
        sending = false;
    }

    /**
     * The relay shows {@code state}, learnt at {@code now}.
     *
     * @return whether to send the open again: it is wanted, the contactor still shows closed and none is on its way
     */
    boolean shows(RelayState state, Instant now) {
        if (!wanted) {
            return false;
        }
        if (!state.contactorClosed()) {
            wanted = false;
            openSince = Optional.of(now);
            return false;
        }
        return startSending();
    }

    /** Whether {@code reading} was asked for after the relay showed the contactor open, so its register is final. */
    boolean readAfterOpen(Optional<MeterReading> reading) {
        return openSince.flatMap(since -> reading.filter(r -> r.quality() == ReadingQuality.GOOD
                && !r.timestamp().isBefore(since))).isPresent();
    }

    private boolean startSending() {
        if (sending) {
            return false;
        }
        sending = true;
        return true;
    }
}
