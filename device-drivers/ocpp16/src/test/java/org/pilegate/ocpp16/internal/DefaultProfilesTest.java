package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileStatus;

import com.fasterxml.jackson.databind.JsonNode;

class DefaultProfilesTest {

    private final ConnectedChargePoint chargePoint = new ConnectedChargePoint();
    private volatile OptionalInt capA = OptionalInt.empty();
    private volatile OptionalLong siteW = OptionalLong.empty();
    private final DefaultProfiles profiles = new DefaultProfiles(chargePoint.calls,
            () -> new OcppSetup(300, Duration.ofSeconds(5), Duration.ofSeconds(10), 30, 3, 230),
            () -> Optional.of(new Depot()));

    @AfterEach
    void stop() {
        chargePoint.close();
    }

    @Test
    void theOperatorsCapWithinTheSiteLimitsShareIsTheDefaultLimitInTheUnitTheChargePointTakes() throws Exception {
        capA = OptionalInt.of(16);
        siteW = OptionalLong.of(22_080); // 32 A over three phases at 230 V
        profiles.connected(chargePoint.link);

        JsonNode ask = chargePoint.next();
        assertEquals("GetConfiguration", ask.get(2).asText());
        assertEquals(DefaultProfiles.RATE_UNIT_KEY, ask.get(3).get("key").get(0).asText());
        chargePoint.endpoint.receive("[3,\"" + ask.get(1).asText() + "\",{\"configurationKey\":[{\"key\":\""
                + DefaultProfiles.RATE_UNIT_KEY + "\",\"readonly\":true,\"value\":\"Power\"}]}]");

        JsonNode set = chargePoint.next();
        assertEquals("SetChargingProfile", set.get(2).asText());
        JsonNode profile = set.get(3).get("csChargingProfiles");
        assertEquals("TxDefaultProfile", profile.get("chargingProfilePurpose").asText());
        assertEquals("W", profile.get("chargingSchedule").get("chargingRateUnit").asText());
        assertEquals(11_040.0, profile.get("chargingSchedule").get("chargingSchedulePeriod").get(0).get("limit")
                .asDouble(), "16 A over three phases");
    }

    @Test
    void theSiteLimitAloneCapsAsItsShareOfOnePile() {
        siteW = OptionalLong.of(6_900);
        assertEquals(OptionalInt.of(10), profiles.limitA(chargePoint.connector.pile()));
    }

    @Test
    void aDefaultIsToldOnlyWhenItChangesAndClearedWhenNothingCaps() throws Exception {
        capA = OptionalInt.of(20);
        profiles.refresh(chargePoint.link);
        JsonNode set = chargePoint.next();
        assertEquals(20.0, set.get(3).get("csChargingProfiles").get("chargingSchedule").get("chargingSchedulePeriod")
                .get(0).get("limit").asDouble());
        chargePoint.answer(set, "Accepted");
        Thread.sleep(200);
        profiles.refresh(chargePoint.link);

        capA = OptionalInt.empty();
        profiles.refresh(chargePoint.link);
        JsonNode clear = chargePoint.next();
        assertEquals("ClearChargingProfile", clear.get(2).asText(), "the unchanged 20 A was not sent again");
        assertEquals("TxDefaultProfile", clear.get(3).get("chargingProfilePurpose").asText());
        assertTrue(clear.get(3).has("id"));
    }

    /** The operator's settings as the test sets them. */
    private final class Depot implements DepotControl {
        @Override
        public PileSettings settings(PileId pile) {
            return new PileSettings(true, capA);
        }

        @Override
        public OptionalLong sitePowerLimitW() {
            return siteW;
        }

        @Override
        public CompletionStage<PileStatus> setAvailable(PileId pile, boolean available) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<PileStatus> limitCurrent(PileId pile, OptionalInt limitA) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void limitSitePower(OptionalLong limitW) {
            throw new UnsupportedOperationException();
        }
    }
}
