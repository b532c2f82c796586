package org.pilegate.tariff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pilegate.tariff.TariffJson;

class TariffSummaryTest {

    private static String summary(String tariffJson) {
        return TariffSummary.of(TariffJson.read(tariffJson));
    }

    @Test
    void oneVatRateIsSaidOnce() {
        assertEquals("0.39 EUR/kWh, 1.20 EUR/h charging after 4 h; prices excl. 19 % VAT", summary("""
                {"id": "t", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "ENERGY", "price": 0.39, "vat": 19, "step_size": 1}]},
                  {"price_components": [{"type": "TIME", "price": 1.2, "vat": 19.0, "step_size": 60}],
                   "restrictions": {"min_duration": 14400}}]}"""));
    }

    @Test
    void anUnrestrictedElementAfterRestrictedOnesIsTheOtherwise() {
        assertEquals("0.20 EUR/kWh below 16 kW, 0.35 EUR/kWh below 32 kW, otherwise 0.50 EUR/kWh; at most 30.00 EUR",
                summary("""
                        {"id": "t", "currency": "EUR", "max_price": {"excl_vat": 30},
                         "elements": [
                          {"price_components": [{"type": "ENERGY", "price": 0.20, "step_size": 1}],
                           "restrictions": {"max_power": 16.00}},
                          {"price_components": [{"type": "ENERGY", "price": 0.35, "step_size": 1}],
                           "restrictions": {"max_power": 32.00}},
                          {"price_components": [{"type": "ENERGY", "price": 0.50, "step_size": 1}]}]}"""));
    }

    @Test
    void mixedVatRatesAreSaidPerPrice() {
        assertEquals("2.50 EUR per session + 15 % VAT, 1.00 EUR/h charging below 32 A + 20 % VAT,"
                + " 1.25 EUR/h charging from 32 A Sat–Sun + 20 % VAT,"
                + " 5.00 EUR/h parking 09:00–18:00 Mon–Fri + 10 % VAT, 6.00 EUR/h parking 10:00–17:00 Mon/Wed/Sat"
                + " + 10 % VAT; at least 0.50 EUR", summary("""
                {"id": "t", "currency": "EUR", "min_price": {"excl_vat": 0.5, "incl_vat": 0.6}, "elements": [
                  {"price_components": [{"type": "FLAT", "price": 2.50, "vat": 15.0}]},
                  {"price_components": [{"type": "TIME", "price": 1.00, "vat": 20.0, "step_size": 900}],
                   "restrictions": {"max_current": 32.00}},
                  {"price_components": [{"type": "TIME", "price": 1.25, "vat": 20.0, "step_size": 600}],
                   "restrictions": {"min_current": 32.00, "day_of_week": ["SUNDAY", "SATURDAY"]}},
                  {"price_components": [{"type": "PARKING_TIME", "price": 5.00, "vat": 10.0, "step_size": 300}],
                   "restrictions": {"start_time": "09:00", "end_time": "18:00",
                                    "day_of_week": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]}},
                  {"price_components": [{"type": "PARKING_TIME", "price": 6.00, "vat": 10.0, "step_size": 300}],
                   "restrictions": {"start_time": "10:00", "end_time": "17:00",
                                    "day_of_week": ["MONDAY", "WEDNESDAY", "SATURDAY"]}}]}"""));
    }

    @Test
    void kwhDurationAndDateRestrictionsInWords() {
        assertEquals("parking free for the first 1 h, 2.00 EUR/h parking from 1 h to 3 h,"
                + " energy free up to 1 kWh, 0.125 EUR/kWh 1–50 kWh from 2026-01-01 before 2027-01-01,"
                + " 0.03 EUR/h parking after 90 min", summary("""
                {"id": "t", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "PARKING_TIME", "price": 0.0, "step_size": 60}],
                   "restrictions": {"max_duration": 3600}},
                  {"price_components": [{"type": "PARKING_TIME", "price": 2.0, "step_size": 60}],
                   "restrictions": {"min_duration": 3600, "max_duration": 10800}},
                  {"price_components": [{"type": "ENERGY", "price": 0.0, "step_size": 1}],
                   "restrictions": {"max_kwh": 1.0}},
                  {"price_components": [{"type": "ENERGY", "price": 0.125, "step_size": 1}],
                   "restrictions": {"min_kwh": 1.0, "max_kwh": 50, "start_date": "2026-01-01",
                                    "end_date": "2027-01-01"}},
                  {"price_components": [{"type": "PARKING_TIME", "price": 0.03, "step_size": 60}],
                   "restrictions": {"min_duration": 5400}}]}"""));
    }
}
