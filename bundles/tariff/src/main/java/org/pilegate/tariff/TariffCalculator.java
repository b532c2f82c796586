package org.pilegate.tariff;

import java.time.Instant;
import java.time.ZoneId;

import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.internal.CompactTimeline;
import org.pilegate.tariff.internal.SessionPricing;

/**
 * Prices a charging session by an OCPI 2.2.1 tariff, in integer minor units of the tariff's currency.
 * <p>
 * <b>Which element.</b> For each dimension and each moment, the first element in the tariff's order whose
 * restrictions all hold and that has a component of that dimension prices it; if none does, the dimension is free
 * then. Restrictions are checked in the site's time zone. The session is cut exactly where a restriction may change:
 * at every sample, start_time/end_time, local midnight, change of UTC offset, min/max_duration after the start, and
 * min/max_kwh of energy since the start. Between two samples energy is taken to flow evenly, so a time boundary gets
 * the linearly interpolated energy and a kWh boundary the linearly interpolated instant. A sample's power, current
 * and charging flag hold until the next sample (the first one also from the session start, the last one until its
 * end, with no energy there); charging time is TIME, the rest PARKING_TIME.
 * <p>
 * <b>Quantities</b> are whole Wh and seconds, by the step_size rule: use priced by one element is a run, consecutive
 * priced runs a stretch. Inside a stretch a run ends at the session total so far rounded half up to a whole unit; the
 * stretch's total is rounded up to a multiple of the step_size of its last component, the last run taking the
 * remainder. When a TIME stretch is rounded up, parking in the rounded-up time right after its last charging is not
 * billed again by the same element. FLAT is billed once, by the element pricing it in the first segment where one
 * does.
 * <p>
 * <b>Amounts.</b> One line per dimension and element: amount excluding VAT = price × quantity (per kWh, per hour)
 * rounded half up to a minor unit once per line; VAT = that amount × VAT % rounded half up once per line (no VAT
 * when the component gives none). Then max_price: amounts excluding VAT are scaled down in proportion to the cap,
 * their VAT recomputed, and if the total including VAT is still above incl_vat the VAT amounts are scaled to fit;
 * shares are whole minor units, remainders to the largest fractions. Then min_price: a FLAT line of unit
 * {@value SessionFee#MIN_PRICE_UNIT} tops up to excl_vat and to incl_vat, where given.
 * <p>
 * <b>Periods.</b> The price lists the periods it was made of, for the charge record: consecutive segments in which
 * the elements pricing ENERGY, TIME (while charging) and PARKING_TIME (while parked) stay the same are one period.
 * Each segment takes its share of a run's billed units (the total so far rounded half up, the stretch's round-up in
 * its last segment), so a dimension's periods add up to its lines; energy no element prices counts as metered.
 */
public final class TariffCalculator {

    private TariffCalculator() {
    }

    /**
     * @param tariff the tariff that was in force at the session's start
     * @param siteZone the site's time zone, for times of day, dates and days of the week
     * @param timeline the session
     */
    public static SessionFee price(Tariff tariff, ZoneId siteZone, SessionTimeline timeline) {
        return SessionPricing.price(tariff, siteZone, timeline);
    }

    /**
     * A running session, priced as it goes: its {@link RunningPrice#until} is the price of every sample it was given,
     * while it keeps only the samples that can change that price ({@link CompactTimeline}).
     *
     * @param start when the session began
     * @param first its first sample, not before {@code start}
     */
    public static RunningPrice running(Tariff tariff, ZoneId siteZone, Instant start, MeterSample first) {
        return new CompactTimeline(tariff, siteZone, start, first);
    }
}
