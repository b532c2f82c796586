package org.pilegate.uplink.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pilegate.api.money.Money;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.vehicle.AccountId;

/**
 * A finished, priced session as an OCPI 2.2.1 CDR whose costs are the fee notice's lines: {@code total_cost} is the
 * notice's total (including VAT only where every line states it, as the notice has it). Money is rendered from
 * integer minor units into exact decimals, never through floating point. Its {@code tariffs} hold the Tariff object
 * that priced the session, as it was then: the record is written once, so a tariff changed later leaves it as it is.
 * Its {@link ChargingPeriods} are the ones the session was priced in, adding up to its totals.
 */
final class ChargeRecords {

    /** Reads decimals as written: 1.00 stays 1.00, never a binary fraction. */
    private static final ObjectReader EXACT = Records.JSON.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).with(JsonNodeFactory.withExactBigDecimals(true));

    private final SiteLocation location;
    private final String siteId;
    private final PileConnectors connectors;

    ChargeRecords(SiteLocation location, String siteId, PileConnectors connectors) {
        this.location = location;
        this.siteId = siteId;
        this.connectors = connectors;
    }

    /** @param priced the price the fee was issued from: its tariff, the tariff's OCPI object and the periods */
    ObjectNode cdr(ChargingSession session, Optional<AccountId> account, FeeNotice fee, PricedSession priced) {
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
        priced.tariff().ifPresent(json -> cdr.putArray("tariffs").add(tariffObject(json, fee.issuedAt())));
        ChargingPeriods periods = ChargingPeriods.of(session, fee, priced);
        periods.writeTo(cdr.putArray("charging_periods"));
        price(cdr.putObject("total_cost"), fee.total().currency().getDefaultFractionDigits(),
                fee.lines().stream().map(FeeLine::amountExVat).reduce(Money.zero(fee.total().currency()), Money::plus),
                fee.vatKnown() ? Optional.of(fee.total()) : Optional.empty());
        componentPrice(cdr, "total_fixed_cost", fee, FeeLine.Component.FLAT);
        cdr.put("total_energy", BigDecimal.valueOf(periods.energyWh(), 3));
        componentPrice(cdr, "total_energy_cost", fee, FeeLine.Component.ENERGY);
        cdr.put("total_time", ChargingPeriods.inHours(Duration.between(start, end).toSeconds()));
        componentPrice(cdr, "total_time_cost", fee, FeeLine.Component.TIME);
        if (fee.lines().stream().anyMatch(line -> line.component() == FeeLine.Component.PARKING_TIME)) {
            cdr.put("total_parking_time", ChargingPeriods.inHours(periods.parkingSeconds()));
        }
        componentPrice(cdr, "total_parking_cost", fee, FeeLine.Component.PARKING_TIME);
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
        OptionalInt connector = connectors.connectorOf(session.pile());
        // a pile that is no OCPP connector is one connector; what it is like, the gateway does not know: a Type 2
        // socket on three phases, as most depot piles
        node.put("connector_id", connector.isPresent() ? String.valueOf(connector.getAsInt()) : "1");
        node.put("connector_standard", "IEC_62196_T2");
        node.put("connector_format", "SOCKET");
        node.put("connector_power_type", "AC_3_PHASE");
    }

    /** The component's lines, if the fee has any, summed into {@code field}: with VAT where every one states it. */
    private static void componentPrice(ObjectNode cdr, String field, FeeNotice fee, FeeLine.Component component) {
        List<FeeLine> lines = fee.lines().stream().filter(line -> line.component() == component).toList();
        if (lines.isEmpty()) {
            return;
        }
        Money zero = Money.zero(fee.total().currency());
        boolean vatKnown = lines.stream().allMatch(line -> line.vat().isPresent());
        price(cdr.putObject(field), zero.currency().getDefaultFractionDigits(),
                lines.stream().map(FeeLine::amountExVat).reduce(zero, Money::plus),
                vatKnown ? Optional.of(lines.stream().map(FeeLine::total).reduce(zero, Money::plus))
                        : Optional.empty());
    }

    /** OCPI's Price: incl_vat only where the VAT is known. */
    private static void price(ObjectNode node, int digits, Money exVat, Optional<Money> inclVat) {
        node.put("excl_vat", decimal(exVat, digits));
        inclVat.ifPresent(incl -> node.put("incl_vat", decimal(incl, digits)));
    }
}
