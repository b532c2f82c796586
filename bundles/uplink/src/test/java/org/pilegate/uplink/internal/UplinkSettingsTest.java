package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UplinkSettingsTest {

    @Test
    void theDefaultIsDisabledAndNeedsNoSetting() {
        UplinkSettings settings = UplinkSettings.of(Fixtures.config(Map.of()));

        assertFalse(settings.enabled());
        assertEquals("pilegate.sessions", settings.topic(Topic.SESSIONS));
        assertEquals("SASL_SSL", settings.securityProtocol(), "secure unless told otherwise");
    }

    @Test
    void anEnabledUplinkWithoutASiteIsRefusedNamingTheKey() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> UplinkSettings.of(Fixtures.enabled("broker:9092", Map.of("siteId", ""))));

        assertTrue(refused.getMessage().startsWith("configuration org.pilegate.uplink: siteId:"),
                refused.getMessage());
    }

    @Test
    void aServerThatIsNotHostAndPortIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> UplinkSettings.of(Fixtures.enabled("broker:9092,broker2", Map.of())));

        assertTrue(refused.getMessage().contains("bootstrapServers: 'broker2' is not host:port"),
                refused.getMessage());
    }

    @Test
    void scramWithoutAPasswordIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> UplinkSettings.of(
                Fixtures.enabled("broker:9093", Map.of("securityProtocol", "SASL_SSL", "saslUsername", "depot"))));

        assertTrue(refused.getMessage().contains("saslPassword: must be set for SASL_SSL"), refused.getMessage());
    }

    @Test
    void aSiteWithoutItsOperatorIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> UplinkSettings.of(Fixtures.enabled("broker:9092", Map.of("ocpiPartyId", "pl"))));

        assertTrue(refused.getMessage().contains("ocpiPartyId"), refused.getMessage());
    }

    @Test
    void theScramPasswordGoesToTheProducerButNeverIntoTheSettingsText() {
        UplinkSettings settings = UplinkSettings.of(Fixtures.enabled("broker:9093", Map.of("securityProtocol",
                "SASL_SSL", "saslUsername", "depot", "saslPassword", "s3cr\"et")));

        String jaas = settings.producerProperties().getProperty("sasl.jaas.config");
        assertTrue(jaas.contains("ScramLoginModule required username=\"depot\" password=\"s3cr\\\"et\";"), jaas);
        assertEquals("SCRAM-SHA-512", settings.producerProperties().getProperty("sasl.mechanism"));
        assertFalse(settings.toString().contains("s3cr"), settings.toString());
    }

    @Test
    void theProducerIsIdempotentAndWaitsForAllReplicas() {
        UplinkSettings settings = UplinkSettings.of(Fixtures.enabled("broker:9092", Map.of()));

        assertEquals("all", settings.producerProperties().getProperty("acks"));
        assertEquals("true", settings.producerProperties().getProperty("enable.idempotence"));
    }

    @Test
    void answeredCommandsAreKeptAWeekAndACommandMayLiveADay() {
        UplinkSettings settings = UplinkSettings.of(Fixtures.config(Map.of()));

        assertEquals(Duration.ofDays(7), settings.commandRetention());
        assertEquals(Duration.ofDays(1), settings.commandLifetimeMax());
    }

    @Test
    void aRetentionNoLongerThanACommandsLifetimeIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> UplinkSettings.of(
                Fixtures.enabled("broker:9092", Map.of("commandLifetimeMaxH", 48, "commandRetentionH", 48))));

        assertTrue(refused.getMessage().contains("commandRetentionH: must be longer than commandLifetimeMaxH (48 h)"),
                refused.getMessage());
    }
}
