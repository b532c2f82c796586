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
 * energy of the last moments. Not thread-safe: the pile's monitor guards it.
 */
final class ContactorRelease {

    private boolean wanted;
    private boolean sending;
    private Optional<Instant> openSince = Optional.empty();

    /** The contactor must open. @return whether to send the open now (none is on its way already) */
    boolean want() {
        wanted = true;
        openSince = Optional.empty();
        return startSending();
    }

    /** The contactor is closing for a charge: an open wished before is void. */
    void closing() {
        wanted = false;
        openSince = Optional.empty();
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
