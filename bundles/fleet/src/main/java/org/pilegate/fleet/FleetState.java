package org.pilegate.fleet;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fleet today, folded from the uplink's records of every site, each counted once by its {@code eventId}: per site,
 * the piles whose latest status is CHARGING, the site's latest power, the sessions started today and the revenue of
 * the charge records of sessions ended today (total including VAT where known), in integer minor units per currency.
 */
public final class FleetState {

    private final ZoneId zone;
    private final LocalDate today;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Site> sites = new TreeMap<>();

    public FleetState(ZoneId zone, LocalDate today) {
        this.zone = zone;
        this.today = today;
    }

    /**
     * One site's line of the view.
     *
     * @param revenueMinorUnits per ISO 4217 currency code
     * @param powerW the site's power at its latest sample, -1 before the first
     */
    public record SiteView(String siteId, int pilesCharging, long powerW, int sessionsToday,
            Map<String, Long> revenueMinorUnits) {
    }

    /** @return false for a record seen before (same eventId), which changes nothing */
    public boolean add(JsonNode record) {
        if (!seen.add(record.path("eventId").asText())) {
            return false;
        }
        Site site = sites.computeIfAbsent(record.path("siteId").asText(), id -> new Site());
        String type = record.path("type").asText();
        Instant time = Instant.parse(record.path("time").asText());
        if (type.equals("pile.status")) {
            site.pileStates.merge(record.path("pileId").asText(), new Latest(time, record.path("state").asText()),
                    (before, now) -> now.at().isBefore(before.at()) ? before : now);
        } else if (type.equals("site.power") && !time.isBefore(site.powerAt)) {
            site.powerAt = time;
            site.powerW = record.path("powerW").asLong();
        } else if (type.startsWith("session.") && isToday(record.at("/session/startedAt").asText())) {
            site.sessions.add(record.at("/session/id").asText());
        } else if (type.equals("cdr") && isToday(record.at("/cdr/end_date_time").asText())) {
            JsonNode cdr = record.get("cdr");
            JsonNode total = cdr.path("total_cost").has("incl_vat") ? cdr.at("/total_cost/incl_vat")
                    : cdr.at("/total_cost/excl_vat");
            Currency currency = Currency.getInstance(cdr.path("currency").asText());
            long minor = total.decimalValue().movePointRight(currency.getDefaultFractionDigits())
                    .longValueExact();
            site.revenue.merge(currency.getCurrencyCode(), minor, Long::sum);
        }
        return true;
    }

    public List<SiteView> sites() {
        List<SiteView> views = new ArrayList<>();
        sites.forEach((id, site) -> views.add(new SiteView(id, (int) site.pileStates.values().stream()
                .filter(latest -> latest.state().equals("CHARGING")).count(), site.powerW, site.sessions.size(),
                Map.copyOf(site.revenue))));
        return views;
    }

    /** The view as a table, one line per site. */
    public String table() {
        StringBuilder table = new StringBuilder(String.format("%-24s %14s %14s %14s  %s%n", "site", "piles charging",
                "power now (W)", "sessions today", "revenue today"));
        for (SiteView site : sites()) {
            table.append(String.format("%-24s %14d %14s %14d  %s%n", site.siteId(), site.pilesCharging(),
                    site.powerW() < 0 ? "-" : Long.toString(site.powerW()), site.sessionsToday(),
                    money(site.revenueMinorUnits())));
        }
        return table.toString();
    }

    private static String money(Map<String, Long> revenue) {
        if (revenue.isEmpty()) {
            return "0";
        }
        return new TreeMap<>(revenue).entrySet().stream().map(entry -> BigDecimal.valueOf(entry.getValue(),
                Currency.getInstance(entry.getKey()).getDefaultFractionDigits()).toPlainString() + " "
                + entry.getKey()).collect(Collectors.joining(", "));
    }

    private boolean isToday(String time) {
        return !time.isEmpty() && Instant.parse(time).atZone(zone).toLocalDate().equals(today);
    }

    private record Latest(Instant at, String state) {
    }

    private static final class Site {
        private final Map<String, Latest> pileStates = new HashMap<>();
        private final Set<String> sessions = new HashSet<>();
        private final Map<String, Long> revenue = new HashMap<>();
        private Instant powerAt = Instant.MIN;
        private long powerW = -1;
    }
}
