package org.pilegate.api.pile;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.vehicle.VehicleId;

/**
 * One pile as the gateway runs it: its state machine fed by its meter and relay, charging as the server side decides.
 * Registered as a service with the pile's id in {@value #ID_PROPERTY} and, where it has one, the id of its meter in
 * {@value #METER_PROPERTY}.
 */
public interface PileController {

    String ID_PROPERTY = "pilegate.pile.id";

    String METER_PROPERTY = "pilegate.pile.meter";

    PileId id();

    /** The pile as last seen. */
    PileStatus status();

    /**
     * Whether meter and relay have both answered since the controller started; before that the status is a
     * placeholder and says nothing about a plugged-in vehicle.
     */
    boolean devicesSeen();

    /** The vehicle plugged in, if it identified itself (RFID, ISO 15118). */
    Optional<VehicleId> vehicle();

    /** Most current per phase the pile can offer, in A. */
    int maxCurrentA();

    /**
     * Calls {@code listener} with the status after every change of state, plug, contactor, power, session or fault;
     * on the controller's thread, so the listener must not block.
     *
     * @return closing it ends the subscription
     */
    AutoCloseable subscribe(Consumer<PileStatus> listener);

    /** The charging and association prompts for the plugged-in vehicle went out. */
    void prompted();

    /**
     * Charges for the session of {@code info}: closes the contactor at its current limit and ends the session by
     * itself at the target energy or once the vehicle stops drawing power. The pile must have been
     * {@linkplain #prompted() prompted}. Repeating it for the session already charging re-sends the limit.
     *
     * @param startRegisterWh the meter register the session's energy counts from
     * @return completes with the status once the relay confirmed the contactor closed, or exceptionally when the pile
     *         cannot charge now or the relay did not take the command
     */
    CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh);

    /**
     * Ends the session the pile charges for: the contactor opens and the pile waits for the vehicle to leave.
     *
     * @param reason why, for the log
     * @return completes with the status once the relay answered
     */
    CompletionStage<PileStatus> finish(String reason);

    /** The depot's latest plan, which holds this pile's part while it charges; empty where the depot does not plan. */
    default Optional<Plan> plan() {
        return Optional.empty();
    }
}
