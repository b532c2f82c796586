package org.pilegate.api.pile;

/**
 * The Declarative Services component factories ({@code component.factory}) a pile is made with when no configuration
 * stands for it, as the depot's pile table makes its Modbus piles: one instance per pile and kind, given the
 * properties a configuration of that kind would hold ({@code id}, {@code host}, {@code unitId}, ...). A pile made so
 * offers the same services as one configured by a file, and has no Configuration Admin record.
 */
public final class PileFactories {

    /** A Modbus meter; the properties of an {@code org.pilegate.meter.modbus} configuration. */
    public static final String MODBUS_METER = "org.pilegate.meter.modbus.factory";

    /** A Modbus relay (pile controller device); the properties of an {@code org.pilegate.relay.modbus} configuration. */
    public static final String MODBUS_RELAY = "org.pilegate.relay.modbus.factory";

    /** A pile joining a meter and a relay; the properties of an {@code org.pilegate.pile} configuration. */
    public static final String PILE = "org.pilegate.pile.factory";

    private PileFactories() {
    }
}
