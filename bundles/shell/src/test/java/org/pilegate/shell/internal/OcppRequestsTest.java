package org.pilegate.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class OcppRequestsTest {

    @Test
    void aResetIsSoftUnlessHard() {
        assertEquals("{\"type\":\"Soft\"}", OcppRequests.reset(false).toString());
        assertEquals("{\"type\":\"Hard\"}", OcppRequests.reset(true).toString());
    }

    @Test
    void configurationIsReadWholeOrByKey() {
        assertEquals("{}", OcppRequests.getConfiguration(null).toString());
        assertEquals("{\"key\":[\"HeartbeatInterval\",\"MeterValueSampleInterval\"]}",
                OcppRequests.getConfiguration(List.of("HeartbeatInterval", "MeterValueSampleInterval")).toString());
    }

    @Test
    void aChangedValueIsSentAsTypedQuotesAndAll() {
        assertEquals("{\"key\":\"MeterValuesSampledData\",\"value\":\"Energy.Active.Import.Register,\\\"x\\\"\"}",
                OcppRequests.changeConfiguration("MeterValuesSampledData", "Energy.Active.Import.Register,\"x\"")
                        .toString());
    }

    @Test
    void profilesAreClearedAllOrByConnectorAndPurpose() {
        assertEquals("{}", OcppRequests.clearChargingProfile(null, null).toString());
        assertEquals("{\"connectorId\":1,\"chargingProfilePurpose\":\"TxDefaultProfile\"}",
                OcppRequests.clearChargingProfile(1, "TxDefaultProfile").toString());
    }

    @Test
    void aTriggerNamesItsMessageAndConnector() {
        assertEquals("{\"requestedMessage\":\"Heartbeat\"}", OcppRequests.triggerMessage("Heartbeat", null)
                .toString());
        assertEquals("{\"requestedMessage\":\"MeterValues\",\"connectorId\":2}",
                OcppRequests.triggerMessage("MeterValues", 2).toString());
    }
}
