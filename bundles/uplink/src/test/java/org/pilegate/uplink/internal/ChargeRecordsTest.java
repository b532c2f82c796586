package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
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
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;
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
    private final ChargeRecords records = new ChargeRecords(settings.location(), settings.siteId());
    private final ChargingSession session = Fixtures.session("s-1", SessionState.FINISHED);

    @Test
    void theTotalsAreTheFeeNoticesToTheCent() throws Exception {
        FeeNotice fee = Fixtures.fee("s-1");

        JsonNode cdr = roundTrip(records.cdr(session, Optional.of(new AccountId("fleet-7")), fee, "standard-2026",
                Optional.empty()));

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
        JsonNode cdr = roundTrip(records.cdr(session, Optional.of(new AccountId("fleet-7")), Fixtures.fee("s-1"),
                "standard-2026", Optional.empty()));

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
    void withoutVatOnEveryLineTheTotalIsNotSaidToIncludeIt() throws Exception {
        FeeLine noVat = new FeeLine(FeeLine.Component.ENERGY, 1_000, "Wh", Money.of(250, "EUR"), Optional.empty());
        FeeNotice fee = new FeeNotice(new SessionId("s-1"), "fee-1", Money.of(250, "EUR"), List.of(noVat),
                Fixtures.END);

        JsonNode cdr = roundTrip(records.cdr(session, Optional.empty(), fee, "no-vat", Optional.empty()));

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

        String written = Records.JSON.writeValueAsString(records.cdr(session, Optional.empty(), fee,
                priced.tariffId(), priced.tariff()));
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
        JsonNode cdr = roundTrip(records.cdr(session, Optional.empty(), Fixtures.fee("s-1"), "site-default",
                Optional.of(DownlinkTest.tariff("0.45"))));

        JsonNode ocpi = cdr.at("/tariffs/0");
        assertEquals("DE", ocpi.get("country_code").asText());
        assertEquals("PLG", ocpi.get("party_id").asText());
        assertEquals(Fixtures.fee("s-1").issuedAt().toString(), ocpi.get("last_updated").asText());
        assertAmount("0.45", ocpi.at("/elements/0/price_components/0/price"));
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
        String json = Records.JSON.writeValueAsString(records.cdr(session, Optional.empty(), Fixtures.fee("s-1"),
                "standard-2026", Optional.empty()));

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
