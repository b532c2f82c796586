package org.pilegate.uplink.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pilegate.api.money.Money;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.vehicle.AccountId;

/**
 * A finished, priced session as an OCPI 2.2.1 CDR whose costs are the fee notice's lines: {@code total_cost} is the
 * notice's total (including VAT only where every line states it, as the notice has it). Money is rendered from
 * integer minor units into exact decimals, never through floating point. Its {@code tariffs} hold the Tariff object
 * that priced the session, as it was then: the record is written once, so a tariff changed later leaves it as it is.
 */
final class ChargeRecords {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);
    private static final int HOURS_SCALE = 6;
    /** Reads decimals as written: 1.00 stays 1.00, never a binary fraction. */
    private static final ObjectReader EXACT = Records.JSON.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).with(JsonNodeFactory.withExactBigDecimals(true));

    private final SiteLocation location;
    private final String siteId;

    ChargeRecords(SiteLocation location, String siteId) {
        this.location = location;
        this.siteId = siteId;
    }

    /**
     * @param tariffId the tariff that priced the session
     * @param tariff that tariff's OCPI Tariff object (JSON), where the pricing has it
     */
    ObjectNode cdr(ChargingSession session, Optional<AccountId> account, FeeNotice fee, String tariffId,
            Optional<String> tariff) {
        Instant start = session.startedAt();
        Instant end = session.endedAt().orElseThrow(() -> new IllegalArgumentException("session " + session.id()
                + " has not ended"));
        ObjectNode cdr = Records.JSON.createObjectNode();
        cdr.put("country_code", location.countryCode());
        cdr.put("party_id", location.partyId());
        cdr.put("id", fee.feeId());
        cdr.put("start_date_time", start.toString());
        cdr.put("end_date_time", end.toString());
        cdr.put("session_id", session.id().value());
        String uid = account.map(AccountId::value).orElse(session.id().value());
        ObjectNode token = cdr.putObject("cdr_token");
        token.put("country_code", location.countryCode());
        token.put("party_id", location.partyId());
        token.put("uid", uid);
        token.put("type", "APP_USER");
        token.put("contract_id", uid);
        cdr.put("auth_method", "COMMAND");
        location(cdr.putObject("cdr_location"), session);
        cdr.put("currency", fee.total().currency().getCurrencyCode());
        tariff.ifPresent(json -> cdr.putArray("tariffs").add(tariffObject(json, fee.issuedAt())));
        ObjectNode period = cdr.putArray("charging_periods").addObject();
        period.put("start_date_time", start.toString());
        ArrayNode dimensions = period.putArray("dimensions");
        period.put("tariff_id", tariffId);
        long energyWh = line(fee, FeeLine.Component.ENERGY).map(FeeLine::quantity)
                .orElse(session.endEnergyWh().map(session::deliveredWh).orElse(0L));
        dimension(dimensions, "ENERGY", kWh(energyWh));
        line(fee, FeeLine.Component.TIME).ifPresent(time -> dimension(dimensions, "TIME", hours(time)));
        line(fee, FeeLine.Component.PARKING_TIME).ifPresent(parking -> dimension(dimensions, "PARKING_TIME",
                hours(parking)));
        price(cdr.putObject("total_cost"), fee.total().currency().getDefaultFractionDigits(),
                fee.lines().stream().map(FeeLine::amountExVat).reduce(Money.zero(fee.total().currency()), Money::plus),
                fee.vatKnown() ? Optional.of(fee.total()) : Optional.empty());
        line(fee, FeeLine.Component.FLAT).ifPresent(flat -> linePrice(cdr.putObject("total_fixed_cost"), flat));
        cdr.put("total_energy", kWh(energyWh));
        line(fee, FeeLine.Component.ENERGY).ifPresent(line -> linePrice(cdr.putObject("total_energy_cost"), line));
        cdr.put("total_time", inHours(Duration.between(start, end).toSeconds()));
        line(fee, FeeLine.Component.TIME).ifPresent(line -> linePrice(cdr.putObject("total_time_cost"), line));
        line(fee, FeeLine.Component.PARKING_TIME).ifPresent(line -> {
            cdr.put("total_parking_time", hours(line));
            linePrice(cdr.putObject("total_parking_cost"), line);
        });
        cdr.put("last_updated", fee.issuedAt().toString());
        return cdr;
    }

    /**
     * The tariff as OCPI's CDR carries it, its prices exact as written. A tariff file may leave out what OCPI requires
     * of the object but pricing does not need: it is then this operator's own, last updated no later than the fee.
     */
    private ObjectNode tariffObject(String json, Instant issuedAt) {
        ObjectNode tariff;
        try {
            tariff = (ObjectNode) EXACT.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("the tariff that priced the session is not a JSON object", e);
        }
        putIfMissing(tariff, "country_code", location.countryCode());
        putIfMissing(tariff, "party_id", location.partyId());
        putIfMissing(tariff, "last_updated", issuedAt.toString());
        return tariff;
    }

    private static void putIfMissing(ObjectNode node, String field, String value) {
        if (!node.hasNonNull(field)) {
            node.put(field, value);
        }
    }

    /** The amount as OCPI's decimal number: minor units moved by the currency's digits, exactly. */
    static BigDecimal decimal(Money money, int digits) {
        return BigDecimal.valueOf(money.minorUnits(), digits);
    }

    private void location(ObjectNode node, ChargingSession session) {
        node.put("id", siteId);
        node.put("address", location.address());
        node.put("city", location.city());
        node.put("country", location.country());
        ObjectNode coordinates = node.putObject("coordinates");
        coordinates.put("latitude", location.latitude());
        coordinates.put("longitude", location.longitude());
        node.put("evse_uid", session.pile().value());
        node.put("evse_id", session.pile().value());
        node.put("connector_id", "1");
        node.put("connector_standard", "IEC_62196_T2");
        node.put("connector_format", "SOCKET");
        node.put("connector_power_type", "AC_3_PHASE");
    }

    private static Optional<FeeLine> line(FeeNotice fee, FeeLine.Component component) {
        return fee.lines().stream().filter(line -> line.component() == component).findFirst();
    }

    private static void dimension(ArrayNode dimensions, String type, BigDecimal volume) {
        ObjectNode dimension = dimensions.addObject();
        dimension.put("type", type);
        dimension.put("volume", volume);
    }

    private static void linePrice(ObjectNode node, FeeLine line) {
        price(node, line.amountExVat().currency().getDefaultFractionDigits(), line.amountExVat(),
                line.vat().map(line.amountExVat()::plus));
    }

    /** OCPI's Price: incl_vat only where the VAT is known. */
    private static void price(ObjectNode node, int digits, Money exVat, Optional<Money> inclVat) {
        node.put("excl_vat", decimal(exVat, digits));
        inclVat.ifPresent(incl -> node.put("incl_vat", decimal(incl, digits)));
    }

    private static BigDecimal kWh(long wh) {
        return BigDecimal.valueOf(wh, 3);
    }

    /** A time line's quantity in hours; the tariff counts time in seconds (or minutes). */
    private static BigDecimal hours(FeeLine line) {
        long seconds = switch (line.unit()) {
            case "s" -> line.quantity();
            case "min" -> line.quantity() * 60;
            default -> throw new IllegalArgumentException("a " + line.component() + " line in '" + line.unit()
                    + "' is not a time");
        };
        return inHours(seconds);
    }

    private static BigDecimal inHours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, HOURS_SCALE, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }
}
