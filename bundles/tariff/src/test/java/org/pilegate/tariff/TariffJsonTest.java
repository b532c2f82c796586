package org.pilegate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pilegate.api.terminal.FeeLine.Component;

class TariffJsonTest {

    private static final String FULL = """
            {"country_code": "NL", "party_id": "TNM", "id": "full-1", "currency": "EUR", "type": "REGULAR",
             "tariff_alt_text": [{"language": "en", "text": "see the elements"}],
             "tariff_alt_url": "https://example.com/tariffs/full-1",
             "min_price": {"excl_vat": 0.50, "incl_vat": 0.60},
             "max_price": {"excl_vat": 40},
             "elements": [
               {"price_components": [{"type": "ENERGY", "price": 0.1234, "vat": 21.0, "step_size": 10},
                                     {"type": "FLAT", "price": 1.50}],
                "restrictions": {"start_time": "22:00", "end_time": "06:30", "start_date": "2026-01-01",
                                 "end_date": "2027-01-01", "min_kwh": 0.5, "max_kwh": 50, "min_current": 6,
                                 "max_current": 32.5, "min_power": 3.7, "max_power": 22, "min_duration": 600,
                                 "max_duration": 7200, "day_of_week": ["SATURDAY", "SUNDAY"]}},
               {"price_components": [{"type": "PARKING_TIME", "price": 6.00, "vat": null, "step_size": 300}]}],
             "start_date_time": "2026-01-01T00:00:00Z", "end_date_time": "2027-01-01T00:00:00",
             "energy_mix": {"is_green_energy": true}, "last_updated": "2025-12-01T10:00:00Z"}""";

    @Test
    void readsEveryFieldOfAnOcpiTariff() {
        Tariff tariff = TariffJson.read(FULL);

        assertEquals("full-1", tariff.id());
        assertEquals("EUR", tariff.currency().getCurrencyCode());
        assertEquals(new PriceBound(new BigDecimal("0.50"), Optional.of(new BigDecimal("0.60"))),
                tariff.minPrice().orElseThrow());
        assertEquals(0, tariff.maxPrice().orElseThrow().exclVat().compareTo(BigDecimal.valueOf(40)));
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), tariff.endDateTime());
        assertEquals(2, tariff.elements().size());

        TariffElement night = tariff.elements().get(0);
        PriceComponent energy = night.component(Component.ENERGY).orElseThrow();
        assertEquals(new BigDecimal("0.1234"), energy.price());
        assertEquals(10, energy.stepSize());
        assertEquals(1, night.component(Component.FLAT).orElseThrow().stepSize());
        TariffRestrictions r = night.restrictions();
        assertEquals(Optional.of(LocalTime.of(22, 0)), r.startTime());
        assertEquals(Optional.of(LocalTime.of(6, 30)), r.endTime());
        assertEquals(Optional.of(LocalDate.of(2027, 1, 1)), r.endDate());
        assertEquals(Optional.of(new BigDecimal("32.5")), r.maxCurrent());
        assertEquals(Optional.of(new BigDecimal("3.7")), r.minPower());
        assertEquals(Optional.of(Duration.ofMinutes(10)), r.minDuration());
        assertEquals(Optional.of(Duration.ofHours(2)), r.maxDuration());
        assertEquals(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), r.daysOfWeek());

        PriceComponent parking = tariff.elements().get(1).component(Component.PARKING_TIME).orElseThrow();
        assertEquals(Optional.empty(), parking.vat());
        assertEquals(TariffRestrictions.NONE, tariff.elements().get(1).restrictions());
    }

    @Test
    void tariffIsInForceFromItsStartUntilItsEnd() {
        Tariff tariff = TariffJson.read(FULL);

        assertFalse(tariff.inForceAt(Instant.parse("2025-12-31T23:59:59Z")));
        assertTrue(tariff.inForceAt(Instant.parse("2026-01-01T00:00:00Z")));
        assertFalse(tariff.inForceAt(Instant.parse("2027-01-01T00:00:00Z")));
    }

    private static String refusal(String json) {
        return assertThrows(InvalidTariffException.class, () -> TariffJson.read(json)).getMessage();
    }

    private static String withComponent(String component) {
        return """
                {"id": "t", "currency": "EUR", "elements": [{"price_components": [%s]}]}""".formatted(component);
    }

    private static String withRestrictions(String restrictions) {
        return """
                {"id": "t", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "FLAT", "price": 1}]},
                  {"price_components": [{"type": "ENERGY", "price": 0.3, "step_size": 1}], "restrictions": %s}]}"""
                .formatted(restrictions);
    }

    @Test
    void refusalsNameTheJsonPathAndWhy() {
        assertEquals("elements[0].price_components[0].step_sise: unknown field; expected one of [price, step_size,"
                + " type, vat]", refusal(withComponent("{\"type\": \"ENERGY\", \"price\": 0.3, \"step_sise\": 1}")));
        assertEquals("elements[0].price_components[0].price: must be a number",
                refusal(withComponent("{\"type\": \"ENERGY\", \"price\": \"0.30\", \"step_size\": 1}")));
        assertEquals("elements[0].price_components[0].step_size: required for ENERGY",
                refusal(withComponent("{\"type\": \"ENERGY\", \"price\": 0.3}")));
        assertEquals("elements[0].price_components[0].step_size: must be a whole number",
                refusal(withComponent("{\"type\": \"TIME\", \"price\": 1, \"step_size\": 1.5}")));
        assertEquals("elements[0].price_components[0].type: 'ENERGIE' must be one of [ENERGY, TIME, PARKING_TIME,"
                + " FLAT]", refusal(withComponent("{\"type\": \"ENERGIE\", \"price\": 1, \"step_size\": 1}")));
        assertEquals("elements[0].price_components[0]: price must not be negative, not -0.1",
                refusal(withComponent("{\"type\": \"ENERGY\", \"price\": -0.1, \"step_size\": 1}")));
        assertEquals("elements[0].price_components[1]: step_size must be at least 1 for TIME, not 0",
                refusal(withComponent("{\"type\": \"FLAT\", \"price\": 1, \"step_size\": 0},"
                        + " {\"type\": \"TIME\", \"price\": 1, \"step_size\": 0}")));
        assertEquals("elements[0]: price_components has more than one ENERGY component; an element prices each"
                + " dimension once", refusal(withComponent("{\"type\": \"ENERGY\", \"price\": 1, \"step_size\": 1},"
                        + " {\"type\": \"ENERGY\", \"price\": 2, \"step_size\": 1}")));
        assertEquals("elements[1].restrictions.start_time: '7:00' must be HH:MM",
                refusal(withRestrictions("{\"start_time\": \"7:00\"}")));
        assertEquals("elements[1].restrictions.day_of_week[1]: 'SAT' must be one of [MONDAY, TUESDAY, WEDNESDAY,"
                + " THURSDAY, FRIDAY, SATURDAY, SUNDAY]",
                refusal(withRestrictions("{\"day_of_week\": [\"FRIDAY\", \"SAT\"]}")));
        assertEquals("elements[1].restrictions: min_kwh 20 must be below max_kwh 10",
                refusal(withRestrictions("{\"min_kwh\": 20, \"max_kwh\": 10}")));
        assertEquals("elements[1].restrictions: start_time and end_time are both 08:00: the window would be empty",
                refusal(withRestrictions("{\"start_time\": \"08:00\", \"end_time\": \"08:00\"}")));
        assertEquals("elements[1].restrictions.tariff_restrictions: unknown field; expected one of [day_of_week,"
                + " end_date, end_time, max_current, max_duration, max_kwh, max_power, min_current, min_duration,"
                + " min_kwh, min_power, reservation, start_date, start_time]",
                refusal(withRestrictions("{\"tariff_restrictions\": {}}")));
    }

    @Test
    void refusalsOfTheTariffItself() {
        assertEquals("currency: 'EURO' is not an ISO 4217 currency code",
                refusal("{\"id\": \"t\", \"currency\": \"EURO\", \"elements\": []}"));
        assertEquals("elements: must be a non-empty array of objects",
                refusal("{\"id\": \"t\", \"currency\": \"EUR\", \"elements\": []}"));
        assertEquals("id: required", refusal("{\"currency\": \"EUR\", \"elements\": []}"));
        assertEquals("tax_included: unknown field; expected one of [country_code, currency, elements, end_date_time,"
                + " energy_mix, id, last_updated, max_price, min_price, party_id, start_date_time, tariff_alt_text,"
                + " tariff_alt_url, type]", refusal("{\"id\": \"t\", \"tax_included\": \"NO\"}"));
        assertEquals("min_price 0.505 has more decimals than EUR has (2)", refusal("""
                {"id": "t", "currency": "EUR", "min_price": {"excl_vat": 0.505},
                 "elements": [{"price_components": [{"type": "FLAT", "price": 1}]}]}"""));
        assertEquals("min_price excl_vat 5 is above max_price excl_vat 4", refusal("""
                {"id": "t", "currency": "EUR", "min_price": {"excl_vat": 5}, "max_price": {"excl_vat": 4},
                 "elements": [{"price_components": [{"type": "FLAT", "price": 1}]}]}"""));
        assertEquals("elements[1].restrictions.reservation: pilegate takes no reservations and cannot price them;"
                + " remove this element, or the tariff is not used", refusal("""
                {"id": "t", "currency": "EUR", "elements": [{"price_components": [{"type": "FLAT", "price": 1}]},
                  {"price_components": [{"type": "TIME", "price": 2, "step_size": 60}],
                   "restrictions": {"reservation": "RESERVATION_EXPIRES"}}]}"""));
        assertEquals("end_date_time: 'tomorrow' must be an OCPI DateTime like 2026-07-01T00:00:00Z", refusal("""
                {"id": "t", "currency": "EUR", "end_date_time": "tomorrow",
                 "elements": [{"price_components": [{"type": "FLAT", "price": 1}]}]}"""));
    }

    @Test
    void refusesWhatIsNotJsonOrHasAFieldTwice() {
        assertTrue(refusal("{\"id\": \"t\",").startsWith("not valid JSON at line 1, column 12: "));
        assertTrue(refusal("{\"id\": \"t\", \"id\": \"u\"}").contains("Duplicate field 'id'"));
        assertEquals("must be a JSON object", refusal("[]"));
    }
}
