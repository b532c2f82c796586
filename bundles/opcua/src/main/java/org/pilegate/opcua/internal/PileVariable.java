package org.pilegate.opcua.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/** The variables of a pile object (and of its Meter object) in the site's address space. */
enum PileVariable {
    STATE("State", Identifiers.String, "What the pile is doing: AVAILABLE, PLUGGED, PROMPTED, CHARGING, SUSPENDED,"
            + " FINISHING, FAULTED or UNAVAILABLE."),
    PLUG_STATE("PlugState", Identifiers.String, "Control pilot state at the connector (IEC 61851-1): A no vehicle,"
            + " B vehicle connected, C or D charging requested, E or F error."),
    CONTACTOR_CLOSED("ContactorClosed", Identifiers.Boolean, "Whether the relay's contactor is closed: the"
            + " connector is live."),
    POWER("PowerW", Identifiers.Int64, Units.WATT, "Active power towards the vehicle."),
    ENERGY_REGISTER("EnergyRegisterWh", Identifiers.Int64, Units.WATT_HOUR, "The meter's absolute imported-energy"
            + " register."),
    CURRENT_LIMIT("CurrentLimitA", Identifiers.Int32, Units.AMPERE, "Current per phase offered to the vehicle now;"
            + " 0 when none is offered."),
    AVAILABLE("Available", Identifiers.Boolean, "Whether the operator has the pile in service. Operators may write"
            + " it: false takes the pile out of service once its running session ends."),
    SESSION_ID("SessionId", Identifiers.String, "The id of the session running on the pile; empty when none."),
    SESSION_ENERGY("SessionEnergyWh", Identifiers.Int64, Units.WATT_HOUR, "Energy delivered in the running"
            + " session; 0 when none."),
    SESSION_START("SessionStart", Identifiers.UtcTime, "When the running session opened; null when none."),
    SESSION_ELAPSED("SessionElapsed", Identifiers.Duration, "Time since the running session opened, in"
            + " milliseconds; 0 when none."),
    FAULT_TEXT("FaultText", Identifiers.String, "What went wrong, if the pile reports a fault; empty otherwise."),
    PLANNED_CURRENT("PlannedCurrentA", Identifiers.Int32, Units.AMPERE, "Current per phase the depot's plan gives"
            + " the pile now; 0 when it is not charging."),
    HELD_BACK_BY("HeldBackBy", Identifiers.String, "What holds the pile's planned current where it is, e.g."
            + " 'feeder board-b, phase L2 at 63 A', 'site power limit', 'waiting for cheaper energy at 22:00';"
            + " empty when it is not charging."),

    METER_ID("MeterId", Identifiers.String, "The id of the pile's meter; empty while its configuration names none."),
    READING_QUALITY("ReadingQuality", Identifiers.String, "How far the latest reading can be trusted: GOOD, STALE"
            + " (the meter stopped answering) or INVALID (out-of-range values)."),
    L1_VOLTAGE("L1VoltageV", Identifiers.Double, Units.VOLT, "RMS voltage L1-N."),
    L2_VOLTAGE("L2VoltageV", Identifiers.Double, Units.VOLT, "RMS voltage L2-N; 0 on a single-phase meter."),
    L3_VOLTAGE("L3VoltageV", Identifiers.Double, Units.VOLT, "RMS voltage L3-N; 0 on a single-phase meter."),
    L1_CURRENT("L1CurrentA", Identifiers.Double, Units.AMPERE, "RMS current on L1."),
    L2_CURRENT("L2CurrentA", Identifiers.Double, Units.AMPERE, "RMS current on L2; 0 on a single-phase meter."),
    L3_CURRENT("L3CurrentA", Identifiers.Double, Units.AMPERE, "RMS current on L3; 0 on a single-phase meter.");

    private static final Map<String, PileVariable> BY_BROWSE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(PileVariable::browseName, Function.identity()));

    private final String browseName;
    private final NodeId dataType;
    private final Optional<EUInformation> unit;
    private final String description;

    PileVariable(String browseName, NodeId dataType, String description) {
        this(browseName, dataType, Optional.empty(), description);
    }

    PileVariable(String browseName, NodeId dataType, EUInformation unit, String description) {
        this(browseName, dataType, Optional.of(unit), description);
    }

    PileVariable(String browseName, NodeId dataType, Optional<EUInformation> unit, String description) {
        this.browseName = browseName;
        this.dataType = dataType;
        this.unit = unit;
        this.description = description;
    }

    /** The variable of that browse name, as a node id names it. */
    static Optional<PileVariable> byBrowseName(String browseName) {
        return Optional.ofNullable(BY_BROWSE_NAME.get(browseName));
    }

    String browseName() {
        return browseName;
    }

    NodeId dataType() {
        return dataType;
    }

    Optional<EUInformation> unit() {
        return unit;
    }

    String description() {
        return description;
    }

    /** Whether it belongs to the pile's Meter object rather than to the pile. */
    boolean ofMeter() {
        return ordinal() >= METER_ID.ordinal();
    }
}
