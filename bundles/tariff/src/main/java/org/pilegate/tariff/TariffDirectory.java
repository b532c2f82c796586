package org.pilegate.tariff;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;

/**
 * The site's tariffs and which pile charges by which. A pile's tariff is the first in force of those assigned to the
 * pile, else of those assigned to the whole site.
 */
public interface TariffDirectory {

    /** The tariff in force now at {@code pile}; empty when none is assigned and in force. */
    Optional<Tariff> tariffFor(PileId pile);

    /** The tariff in force now at {@code pile} in words for the charging prompt, e.g. "0.39 EUR/kWh, 1.20 EUR/h". */
    Optional<String> summaryFor(PileId pile);

    /**
     * Prices a session at {@code pile} by the tariff in force there at the session's start. To bill by exactly the
     * tariff the driver was shown even if the file changes meanwhile, keep the {@link #tariffFor} result from the
     * start and use {@link #price(Tariff, SessionTimeline)}.
     *
     * @return empty when no tariff was in force at the pile at the session's start
     */
    Optional<SessionFee> price(PileId pile, SessionTimeline timeline);

    /**
     * A session at {@code pile} that started at {@code start} with {@code first}, priced as it goes by the tariff in
     * force there at its start.
     *
     * @return empty when no tariff was in force at the pile at the session's start
     */
    Optional<RunningPrice> running(PileId pile, Instant start, MeterSample first);

    /** Prices a session by {@code tariff} in the site's time zone. */
    SessionFee price(Tariff tariff, SessionTimeline timeline);

    /** The time zone the tariffs' times of day, dates and days of the week are read in. */
    ZoneId siteZone();
}
