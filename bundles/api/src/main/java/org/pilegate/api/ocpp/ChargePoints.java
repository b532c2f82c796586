package org.pilegate.api.ocpp;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The OCPP charge points the gateway serves as their central system. Registering one issues the password it
 * authenticates with (OCPP security profile 1: HTTP Basic); only a digest of it is stored.
 */
public interface ChargePoints {

    /** Most connectors a charge point may have. */
    int MAX_CONNECTORS = 16;

    /**
     * Checks a connector count against 1..{@value #MAX_CONNECTORS} and returns it.
     *
     * @throws IllegalArgumentException when out of range
     */
    static int checkConnectors(int connectors) {
        if (connectors < 1 || connectors > MAX_CONNECTORS) {
            throw new IllegalArgumentException("connectors must be 1.." + MAX_CONNECTORS + ": " + connectors);
        }
        return connectors;
    }

    /**
     * Registers a charge point, or issues a new password for one registered already (the old one stops working), and
     * makes each of its connectors a pile.
     *
     * @return the password, to configure in the charge point; it is shown only now
     */
    String add(ChargePointId id, int connectors);

    /**
     * Unregisters a charge point: its connection is closed and its piles are removed.
     *
     * @return whether it was registered
     */
    boolean remove(ChargePointId id);

    /** Every registered charge point, by id. */
    List<ChargePoint> list();

    /**
     * Sends a charge point an OCPP 1.6 CALL of the central system, for what operators do by hand (Reset,
     * TriggerMessage, GetConfiguration, ChangeConfiguration, ChangeAvailability, ClearChargingProfile, …). The payload
     * is checked against the action's schema before it goes out, the answer when it comes.
     *
     * @param payloadJson the CALL's payload, a JSON object
     * @return completes with the answer's payload as JSON; exceptionally with an {@link IllegalArgumentException} for
     *         an unknown charge point or a payload that breaks the schema, or with the charge point's CALLERROR, or
     *         a {@link org.pilegate.api.error.Refusal} when it is offline or does not answer in time
     */
    CompletionStage<String> call(ChargePointId id, String action, String payloadJson);
}
