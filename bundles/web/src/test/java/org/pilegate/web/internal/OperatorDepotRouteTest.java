package org.pilegate.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.web.internal.OperatorLoginRouteTest.json;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffDirectory;
import org.pilegate.tariff.TariffJson;

import com.fasterxml.jackson.databind.JsonNode;

class OperatorDepotRouteTest {

    private WebGateway gateway;
    private OperatorDepotRoute route;
    private String cookie;

    @BeforeEach
    void start() throws Exception {
        gateway = new WebGateway();
        route = new OperatorDepotRoute(gateway.http, gateway.access);
        cookie = gateway.signedInTo(route);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void everyPathNeedsASignIn() throws Exception {
        for (String path : List.of("/api/operator/piles", "/api/operator/sessions", "/api/operator/wallet?account=a",
                "/api/operator/tariff?pile=p")) {
            HttpResponse<String> response = gateway.get(path);
            assertEquals(401, response.statusCode(), path);
            assertEquals("unauthenticated", json(response).path("code").asText(), path);
        }
        assertEquals(401, gateway.post("/api/operator/wallet/topup", "{}").statusCode());
    }

    @Test
    void pilesAreListedByIdWithTheSitePower() throws Exception {
        route.piles.addAll(List.of(StubPile.charging("bay-02", 7_400, "s-2"),
                StubPile.faulted("bay-01", "meter silent"), StubPile.charging("bay-03", 11_000, "s-3")));

        JsonNode piles = json(gateway.get("/api/operator/piles", "Cookie", cookie));

        assertEquals(18_400, piles.path("sitePowerW").asLong());
        JsonNode first = piles.path("piles").get(0);
        assertEquals("bay-01", first.path("pile").asText());
        assertEquals("FAULTED", first.path("state").asText());
        assertEquals("meter silent", first.path("fault").asText());
        assertTrue(first.path("session").isNull());
        JsonNode second = piles.path("piles").get(1);
        assertEquals("s-2", second.path("session").asText());
        assertEquals(7_400, second.path("powerW").asLong());
        assertEquals("C", second.path("plug").asText());
        assertEquals("2026-11-26T08:00:00Z", second.path("at").asText());
        assertEquals("feeder board-b, phase L2 at 63 A", second.path("heldBackBy").asText());
        assertTrue(first.path("heldBackBy").isNull(), "a faulted pile is in no plan");
        JsonNode slot = piles.path("plan").get(0);
        assertEquals(1, piles.path("plan").size());
        assertEquals("2026-11-26T08:15:00Z", slot.path("end").asText());
        assertEquals(11_040, slot.path("powerW").asLong());
    }

    @Test
    void withoutAPlanThePlannedPowerIsEmpty() throws Exception {
        route.piles.clear();
        route.piles.add(StubPile.faulted("bay-01", "meter silent"));

        JsonNode piles = json(gateway.get("/api/operator/piles", "Cookie", cookie));

        assertEquals(0, piles.path("plan").size());
        assertTrue(piles.path("plan").isArray());
    }

    @Test
    void withoutASessionDirectorySessionsAreUnavailableNotAnError() throws Exception {
        HttpResponse<String> response = gateway.get("/api/operator/sessions?state=CHARGING", "Cookie", cookie);

        assertEquals(200, response.statusCode());
        assertFalse(json(response).path("available").asBoolean());
        assertEquals(0, json(response).path("sessions").size());
    }

    @Test
    void aTopUpIsAppliedOncePerReference() throws Exception {
        route.wallet = new LedgerStub();
        String topUp = "{\"account\":\"anna\",\"amount\":{\"minorUnits\":2000,\"currency\":\"EUR\"},"
                + "\"reference\":\"receipt-17\"}";

        JsonNode first = json(gateway.post("/api/operator/wallet/topup", topUp, "Cookie", cookie));
        JsonNode again = json(gateway.post("/api/operator/wallet/topup", topUp, "Cookie", cookie));

        assertEquals(2000, first.path("balance").path("minorUnits").asLong());
        assertEquals("EUR", first.path("balance").path("currency").asText());
        assertEquals(2000, again.path("balance").path("minorUnits").asLong());
        assertEquals(2000, json(gateway.get("/api/operator/wallet?account=anna&currency=eur", "Cookie", cookie))
                .path("balance").path("minorUnits").asLong());
    }

    @Test
    void aBadTopUpIsRefusedNamingWhatIsWrong() throws Exception {
        route.wallet = new LedgerStub();

        HttpResponse<String> negative = gateway.post("/api/operator/wallet/topup", "{\"account\":\"anna\","
                + "\"amount\":{\"minorUnits\":-5,\"currency\":\"EUR\"},\"reference\":\"r1\"}", "Cookie", cookie);
        HttpResponse<String> noReference = gateway.post("/api/operator/wallet/topup", "{\"account\":\"anna\","
                + "\"amount\":{\"minorUnits\":5,\"currency\":\"EUR\"}}", "Cookie", cookie);
        HttpResponse<String> badCurrency = gateway.get("/api/operator/wallet?account=anna&currency=EURO",
                "Cookie", cookie);

        assertEquals(400, negative.statusCode());
        assertTrue(json(negative).path("message").asText().contains("positive"), negative.body());
        assertEquals(400, noReference.statusCode());
        assertTrue(json(noReference).path("message").asText().contains("reference"), noReference.body());
        assertEquals(400, badCurrency.statusCode());
        assertTrue(json(badCurrency).path("message").asText().contains("EURO"), badCurrency.body());
    }

    @Test
    void theTariffInForceIsShownWithItsComponents() throws Exception {
        Tariff tariff = TariffJson.read("""
                {"id":"site-default","currency":"EUR","elements":[
                  {"price_components":[{"type":"FLAT","price":1.00,"vat":19},
                                       {"type":"ENERGY","price":0.39,"vat":19,"step_size":1}]},
                  {"price_components":[{"type":"PARKING_TIME","price":6.00,"step_size":60}],
                   "restrictions":{"min_duration":3600}}]}
                """);
        route.tariffs = new TariffDirectory() {
            @Override
            public Optional<Tariff> tariffFor(PileId pile) {
                return Optional.of(tariff).filter(inForce -> pile.value().equals("bay-01"));
            }

            @Override
            public Optional<String> summaryFor(PileId pile) {
                return tariffFor(pile).map(inForce -> "1.00 EUR per session, 0.39 EUR/kWh");
            }

            @Override
            public Optional<SessionFee> price(PileId pile, SessionTimeline timeline) {
                throw new UnsupportedOperationException("the dashboard prices nothing");
            }

            @Override
            public Optional<RunningPrice> running(PileId pile, Instant start, MeterSample first) {
                throw new UnsupportedOperationException("the dashboard prices nothing");
            }

            @Override
            public SessionFee price(Tariff tariff, SessionTimeline timeline) {
                throw new UnsupportedOperationException("the dashboard prices nothing");
            }

            @Override
            public ZoneId siteZone() {
                return ZoneOffset.UTC;
            }
        };

        JsonNode shown = json(gateway.get("/api/operator/tariff?pile=bay-01", "Cookie", cookie));
        JsonNode none = json(gateway.get("/api/operator/tariff?pile=bay-02", "Cookie", cookie));

        assertEquals("site-default", shown.path("id").asText());
        assertEquals("EUR", shown.path("currency").asText());
        assertEquals("1.00 EUR per session, 0.39 EUR/kWh", shown.path("summary").asText());
        JsonNode energy = shown.path("elements").get(0).path("components").get(1);
        assertEquals("ENERGY", energy.path("type").asText());
        assertEquals("0.39", energy.path("price").asText());
        assertEquals("19", energy.path("vat").asText());
        assertFalse(shown.path("elements").get(0).path("restricted").asBoolean());
        assertTrue(shown.path("elements").get(1).path("restricted").asBoolean());
        assertTrue(none.path("id").isNull());
        assertEquals(0, none.path("elements").size());
    }

    @Test
    void servicesThatAreNotRunningAnswer503() throws Exception {
        HttpResponse<String> wallet = gateway.get("/api/operator/wallet?account=anna", "Cookie", cookie);
        HttpResponse<String> tariff = gateway.get("/api/operator/tariff?pile=bay-01", "Cookie", cookie);

        assertEquals(503, wallet.statusCode());
        assertEquals("service_unavailable", json(wallet).path("code").asText());
        assertEquals(503, tariff.statusCode());
    }
}
