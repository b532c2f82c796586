package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedPeriod;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffCalculator;
import org.pilegate.tariff.TariffJson;

class ChargeRecordsTest {

    private final UplinkSettings settings = UplinkSettings.of(Fixtures.enabled("broker:9092", Map.of()));
    private final PileConnectors connectors = new PileConnectors();
    private final ChargeRecords records = new ChargeRecords(settings.location(), settings.siteId(), connectors);
    private final ChargingSession session = Fixtures.session("s-1", SessionState.FINISHED);

    @Test
    void theTotalsAreTheFeeNoticesToTheCent() throws Exception {
        FeeNotice fee = Fixtures.fee("s-1");

        JsonNode cdr = roundTrip(records.cdr(session, Optional.of(new AccountId("fleet-7")), fee,
                Fixtures.priced(fee, "standard-2026")));

        assertAmount("10.79", cdr.at("/total_cost/incl_vat"), "the notice's total");
        assertEquals(Money.of(1079, "EUR"), fee.total());
        assertAmount("9.07", cdr.at("/total_cost/excl_vat"));
        assertAmount("1.19", cdr.at("/total_fixed_cost/incl_vat"));
        assertAmount("5.14", cdr.at("/total_energy_cost/incl_vat"));
        assertAmount("0.89", cdr.at("/total_time_cost/incl_vat"));
        assertAmount("3.57", cdr.at("/total_parking_cost/incl_vat"));
        assertAmount("12.345", cdr.at("/total_energy"));
        assertAmount("1.5", cdr.at("/total_time"), "start to end");
        assertAmount("0.166667", cdr.at("/total_parking_time"));
        assertEquals("EUR", cdr.get("currency").asText());
    }

    @Test
    void itNamesTheSessionTheDriverTheSiteAndTheTariff() throws Exception {
        FeeNotice fee = Fixtures.fee("s-1");

        JsonNode cdr = roundTrip(records.cdr(session, Optional.of(new AccountId("fleet-7")), fee,
                Fixtures.priced(fee, "standard-2026")));

        assertEquals("fee-s-1", cdr.get("id").asText());
        assertEquals("s-1", cdr.get("session_id").asText());
        assertEquals("2026-12-03T08:00:00Z", cdr.get("start_date_time").asText());
        assertEquals("2026-12-03T09:30:00Z", cdr.get("end_date_time").asText());
        assertEquals("fleet-7", cdr.at("/cdr_token/uid").asText());
        assertEquals("depot-north", cdr.at("/cdr_location/id").asText());
        assertEquals("bay-07", cdr.at("/cdr_location/evse_uid").asText());
        assertEquals("53.541", cdr.at("/cdr_location/coordinates/latitude").asText());
        assertEquals("standard-2026", cdr.at("/charging_periods/0/tariff_id").asText());
        assertEquals("ENERGY", cdr.at("/charging_periods/0/dimensions/0/type").asText());
        assertAmount("12.345", cdr.at("/charging_periods/0/dimensions/0/volume"));
    }

    @Test
    void anOcppPilesRecordNamesItsConnectorAndAnyOtherPileIsConnectorOne() throws Exception {
        connectors.refresh(Optional.of(PileConnectorsTest.registry(() -> List.of(PileConnectorsTest.chargePoint(
                "cp-A", 2)))));
        ChargingSession onOcpp = new ChargingSession(session.id(), new PileId("cp-A-2"), Optional.empty(),
                SessionState.FINISHED, Fixtures.START, 10_000, Optional.of(Fixtures.END), Optional.of(22_345L),
                Optional.empty());
        FeeNotice fee = Fixtures.fee("s-1");

        JsonNode ocpp = roundTrip(records.cdr(onOcpp, Optional.empty(), fee, Fixtures.priced(fee, "standard-2026")));
        JsonNode modbus = roundTrip(records.cdr(session, Optional.empty(), fee, Fixtures.priced(fee,
                "standard-2026")));

        assertEquals("cp-A-2 2", ocpp.at("/cdr_location/evse_uid").asText() + " "
                + ocpp.at("/cdr_location/connector_id").asText());
        assertEquals("bay-07 1", modbus.at("/cdr_location/evse_uid").asText() + " "
                + modbus.at("/cdr_location/connector_id").asText());
        assertEquals("IEC_62196_T2 SOCKET AC_3_PHASE", ocpp.at("/cdr_location/connector_standard").asText() + " "
                + ocpp.at("/cdr_location/connector_format").asText() + " "
                + ocpp.at("/cdr_location/connector_power_type").asText(), "what the gateway cannot tell");
    }

    @Test
    void withoutVatOnEveryLineTheTotalIsNotSaidToIncludeIt() throws Exception {
        FeeLine noVat = new FeeLine(FeeLine.Component.ENERGY, 1_000, "Wh", Money.of(250, "EUR"), Optional.empty());
        FeeNotice fee = new FeeNotice(new SessionId("s-1"), "fee-1", Money.of(250, "EUR"), List.of(noVat),
                Fixtures.END);

        JsonNode cdr = roundTrip(records.cdr(session, Optional.empty(), fee, Fixtures.priced(fee, "no-vat")));

        assertAmount("2.50", cdr.at("/total_cost/excl_vat"));
        assertFalse(cdr.get("total_cost").has("incl_vat"));
        assertFalse(cdr.has("tariffs"), "a pricing without an OCPI tariff names the tariff's id only");
        assertEquals("s-1", cdr.at("/cdr_token/uid").asText(), "no account: the session stands for the token");
    }

    @Test
    void itCarriesTheShippedTariffThatPricedItAsOcpiDefinesIt() throws Exception {
        Tariff tariff = TariffJson.read(Files.readString(Path.of("../../config/tariffs/site-default.json")));
        PricedSession priced = TariffCalculator.price(tariff, ZoneId.of("Europe/Berlin"), new SessionTimeline(
                Fixtures.START, Fixtures.END, List.of(
                        new MeterSample(Fixtures.START, 10_000, 8_230, OptionalInt.empty(), true),
                        new MeterSample(Fixtures.END, 22_345, 0, OptionalInt.empty(), false)))).price();
        FeeNotice fee = new FeeNotice(session.id(), "fee-s-1", priced.total(), priced.lines(), Fixtures.END);

        String written = Records.JSON.writeValueAsString(records.cdr(session, Optional.empty(), fee, priced));
        JsonNode cdr = roundTrip(Records.JSON.readTree(written));

        assertEquals(1, cdr.get("tariffs").size());
        JsonNode ocpi = cdr.at("/tariffs/0");
        assertEquals("site-default", ocpi.get("id").asText());
        assertEquals("site-default", cdr.at("/charging_periods/0/tariff_id").asText());
        assertEquals("EUR", ocpi.get("currency").asText());
        assertEquals("DE PLG 2026-11-26T00:00:00Z", ocpi.get("country_code").asText() + " "
                + ocpi.get("party_id").asText() + " " + ocpi.get("last_updated").asText(), "the file's own");
        assertEquals(5, ocpi.get("elements").size());
        assertEquals("22:00", ocpi.at("/elements/1/restrictions/start_time").asText());
        assertAmount("0.29", ocpi.at("/elements/1/price_components/0/price"));
        assertTrue(ocpi.at("/tariff_alt_text/0/text").asText().startsWith("1.00 EUR start fee"));
        assertTrue(written.contains("\"price\":1.00,"), "prices as written, never through a double: " + written);
        assertAmount(ChargeRecords.decimal(fee.total(), 2).toPlainString(), cdr.at("/total_cost/incl_vat"),
                "the fee notice's total");
    }

    @Test
    void aTariffFileWithoutTheOperatorIsTheSitesOwnAsOfTheFee() throws Exception {
        FeeNotice fee = Fixtures.fee("s-1");

        JsonNode cdr = roundTrip(records.cdr(session, Optional.empty(), fee, new PricedSession(fee.total(),
                fee.lines(), "site-default", Optional.of(DownlinkTest.tariff("0.45")))));

        JsonNode ocpi = cdr.at("/tariffs/0");
        assertEquals("DE", ocpi.get("country_code").asText());
        assertEquals("PLG", ocpi.get("party_id").asText());
        assertEquals(Fixtures.fee("s-1").issuedAt().toString(), ocpi.get("last_updated").asText());
        assertAmount("0.45", ocpi.at("/elements/0/price_components/0/price"));
    }

    private static final String DEARER_BEFORE_0830 = """
            {"id": "morning", "currency": "EUR", "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.40, "vat": 19, "step_size": 1}],
               "restrictions": {"end_time": "08:30"}},
              {"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 19, "step_size": 1},
                                    {"type": "PARKING_TIME", "price": 6.00, "vat": 19, "step_size": 60}]}]}""";

    /**
     * 4000 Wh from 08:00 to 08:20, then 8345 Wh evenly until 09:20, 1390.833 of them before 08:30: the morning price
     * has 5390.833, rounded 5391 Wh (2.16 + 0.41), the day price the other 6954 Wh (2.09 + 0.40) and the 10 minutes
     * parked (1.00 + 0.19).
     */
    @Test
    void theChargingPeriodsAreTheOnesTheSessionWasPricedIn() throws Exception {
        PricedSession priced = TariffCalculator.price(TariffJson.read(DEARER_BEFORE_0830), ZoneOffset.UTC,
                new SessionTimeline(Fixtures.START, Fixtures.END, List.of(
                        new MeterSample(Fixtures.START, 10_000, 12_000, OptionalInt.empty(), true),
                        new MeterSample(Instant.parse("2026-12-03T08:20:00Z"), 14_000, 8_345, OptionalInt.empty(),
                                true),
                        new MeterSample(Instant.parse("2026-12-03T09:20:00Z"), 22_345, 0, OptionalInt.empty(), false),
                        new MeterSample(Fixtures.END, 22_345, 0, OptionalInt.empty(), false)))).price();
        FeeNotice fee = new FeeNotice(session.id(), "fee-s-1", priced.total(), priced.lines(), Fixtures.END);

        JsonNode cdr = roundTrip(records.cdr(session, Optional.empty(), fee, priced));

        JsonNode periods = cdr.get("charging_periods");
        assertEquals(List.of("2026-12-03T08:00:00Z ENERGY 5.391 morning",
                "2026-12-03T08:30:00Z ENERGY 6.954 morning",
                "2026-12-03T09:20:00Z ENERGY 0 PARKING_TIME 0.166667 morning"), describe(periods));
        assertAmount("12.345", cdr.get("total_energy"), "the periods' energy");
        assertAmount("0.166667", cdr.get("total_parking_time"), "the periods' parking");
        assertAmount("1.5", cdr.get("total_time"));
        assertAmount("4.25", cdr.at("/total_energy_cost/excl_vat"), "both ENERGY lines");
        assertAmount("5.06", cdr.at("/total_energy_cost/incl_vat"));
        assertAmount("1.19", cdr.at("/total_parking_cost/incl_vat"));
        assertAmount("6.25", cdr.at("/total_cost/incl_vat"));
        assertAmount(ChargeRecords.decimal(fee.total(), 2).toPlainString(), cdr.at("/total_cost/incl_vat"),
                "the fee notice's total");
    }

    @Test
    void aPriceThatDoesNotSayItsPeriodsIsOnePeriodOfTheWholeSession() throws Exception {
        FeeNotice fee = Fixtures.fee("s-1");

        JsonNode cdr = roundTrip(records.cdr(session, Optional.empty(), fee, Fixtures.priced(fee, "standard-2026")));

        assertEquals(List.of("2026-12-03T08:00:00Z ENERGY 12.345 TIME 1.5 PARKING_TIME 0.166667 standard-2026"),
                describe(cdr.get("charging_periods")));
    }

    /** Each period's hours end at the total so far rounded, so that three seconds are 0.000833 h, not 3 × 0.000278. */
    @Test
    void thePeriodsTimesAddUpToTheRoundedTotal() throws Exception {
        FeeLine parking = new FeeLine(FeeLine.Component.PARKING_TIME, 3, "s", Money.of(3, "EUR"), Optional.empty());
        FeeNotice fee = new FeeNotice(session.id(), "fee-1", Money.of(3, "EUR"), List.of(parking), Fixtures.END);
        List<PricedPeriod> periods = List.of(parked(Fixtures.START, 0), parked(Fixtures.START.plusSeconds(1), 1),
                parked(Fixtures.START.plusSeconds(2), 0));

        JsonNode cdr = roundTrip(records.cdr(session, Optional.empty(), fee, new PricedSession(fee.total(),
                fee.lines(), "per-second", Optional.empty(), periods)));

        assertEquals(List.of("2026-12-03T08:00:00Z ENERGY 0 PARKING_TIME 0.000278 per-second",
                "2026-12-03T08:00:01Z ENERGY 0 PARKING_TIME 0.000278 per-second",
                "2026-12-03T08:00:02Z ENERGY 0 PARKING_TIME 0.000277 per-second"),
                describe(cdr.get("charging_periods")));
        assertAmount("0.000833", cdr.get("total_parking_time"));
    }

    private static PricedPeriod parked(Instant start, int element) {
        return new PricedPeriod(start, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(element), 0, 0, 1);
    }

    /** Each period as "start TYPE volume … tariff_id". */
    private static List<String> describe(JsonNode periods) {
        List<String> described = new ArrayList<>();
        periods.forEach(period -> {
            StringBuilder text = new StringBuilder(period.get("start_date_time").asText());
            period.get("dimensions").forEach(dimension -> text.append(' ').append(dimension.get("type").asText())
                    .append(' ').append(dimension.get("volume").decimalValue().stripTrailingZeros().toPlainString()));
            described.add(text.append(' ').append(period.get("tariff_id").asText()).toString());
        });
        return described;
    }

    @Test
    void amountsKeepTheirCurrencysDigitsWithoutRoundingThroughDoubles() {
        assertEquals("92233720368547758.07", ChargeRecords.decimal(new Money(Long.MAX_VALUE,
                Currency.getInstance("EUR")), 2).toPlainString());
        assertEquals("1234", ChargeRecords.decimal(Money.of(1234, "JPY"), 0).toPlainString());
        assertEquals("1.234", ChargeRecords.decimal(Money.of(1234, "KWD"), 3).toPlainString());
    }

    @Test
    void theWrittenRecordHasNoExponentNorBinaryFraction() throws Exception {
        FeeNotice fee = Fixtures.fee("s-1");

        String json = Records.JSON.writeValueAsString(records.cdr(session, Optional.empty(), fee,
                Fixtures.priced(fee, "standard-2026")));

        assertFalse(json.contains("E+") || json.contains("E-"), json);
        assertTrue(json.contains("\"incl_vat\":10.79"), json);
    }

    /** Read as consumers should: numbers as exact decimals. */
    private static JsonNode roundTrip(JsonNode cdr) throws Exception {
        return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(Records.JSON.writeValueAsString(cdr));
    }

    private static void assertAmount(String expected, JsonNode actual, String... why) {
        assertTrue(actual.isBigDecimal() || actual.isIntegralNumber(), "a number: " + actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()),
                expected + " != " + actual + (why.length > 0 ? ": " + why[0] : ""));
    }
}
