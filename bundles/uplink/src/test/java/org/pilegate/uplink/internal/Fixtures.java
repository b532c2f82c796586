package org.pilegate.uplink.internal;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;

/** Configurations as DS hands them over, and sessions and fees as the session bundle has them. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-12-03T08:00:00Z");
    static final Instant END = Instant.parse("2026-12-03T09:30:00Z");

    private Fixtures() {
    }

    /** An enabled configuration with a complete site, plaintext to {@code bootstrapServers}, some keys overridden. */
    static UplinkConfig enabled(String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("enabled", true, "bootstrapServers", bootstrapServers,
                "siteId", "depot-north", "securityProtocol", "PLAINTEXT", "ocpiCountryCode", "DE", "ocpiPartyId",
                "PLG", "siteAddress", "Hafenstrasse 1", "siteCity", "Hamburg", "siteCountry", "DEU",
                "siteCoordinates", "53.541,9.984"));
        values.putAll(overrides);
        return config(values);
    }

    static UplinkConfig config(Map<String, Object> overrides) {
        return (UplinkConfig) Proxy.newProxyInstance(UplinkConfig.class.getClassLoader(),
                new Class<?>[] {UplinkConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> UplinkConfig.class;
                    case "toString" -> "UplinkConfig" + overrides;
                    case "hashCode" -> overrides.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    static ChargingSession session(String id, SessionState state) {
        boolean ended = state.hasEnded();
        return new ChargingSession(new SessionId(id), new PileId("bay-07"), Optional.empty(), state, START,
                10_000, ended ? Optional.of(END) : Optional.empty(), ended ? Optional.of(22_345L) : Optional.empty(),
                Optional.empty());
    }

    /** 12.345 kWh, 1 h 30 min charging, 10 min parking and a flat fee, in euros with VAT on every line. */
    static FeeNotice fee(String sessionId) {
        List<FeeLine> lines = List.of(line(FeeLine.Component.FLAT, 1, "session", 100, 19),
                line(FeeLine.Component.ENERGY, 12_345, "Wh", 432, 82),
                line(FeeLine.Component.TIME, 5_400, "s", 75, 14),
                line(FeeLine.Component.PARKING_TIME, 600, "s", 300, 57));
        Money total = lines.stream().map(FeeLine::total).reduce(Money.of(0, "EUR"), Money::plus);
        return new FeeNotice(new SessionId(sessionId), "fee-" + sessionId, total, lines, END.plusSeconds(5));
    }

    /** The price a fee was issued from, by a tariff that says neither its OCPI form nor its periods. */
    static PricedSession priced(FeeNotice fee, String tariffId) {
        return new PricedSession(fee.total(), fee.lines(), tariffId);
    }

    static FeeLine line(FeeLine.Component component, long quantity, String unit, long exVat, long vat) {
        return new FeeLine(component, quantity, unit, Money.of(exVat, "EUR"), Optional.of(Money.of(vat, "EUR")));
    }
}
