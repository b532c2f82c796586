package org.pilegate.planner.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate site", description = "The depot's supply: grid connection, feeders and fuses"
        + " with their limits per phase, the site meter, energy prices, and how the planner shares the supply.")
public @interface SiteConfig {

    @AttributeDefinition(name = "Grid connection limit (A)", description = "The grid connection's current limit per"
            + " phase: one value for all phases (250) or L1/L2/L3 (250/250/200). Empty: not limited.")
    String gridLimitA() default "";

    @AttributeDefinition(name = "Grid power limit (W)", min = "0", description = "The connection's power limit (the"
            + " contract), in W; 0: none. The operator's site limit, when set, applies within it.")
    long gridPowerLimitW() default 0;

    @AttributeDefinition(name = "Feeders", description = "Distribution boards and fuses below the grid connection,"
            + " comma-separated as id:parent:limit, e.g. 'board-a:grid:160, board-b:grid:100/100/80,"
            + " row-1:board-b:63'. Piles name their feeder in their own configuration (feeder, phaseRotation).")
    String feeders() default "";

    @AttributeDefinition(name = "Safety margin (A)", min = "0", description = "Kept free below every limit on every"
            + " phase.")
    int safetyMarginA() default 0;

    @AttributeDefinition(name = "Site meter", description = "The id of a meter driver configuration measuring the"
            + " building's other load at the grid connection, per phase; empty: none.")
    String siteMeter() default "";

    @AttributeDefinition(name = "Base load change (A)", min = "1", description = "The depot plans anew when the"
            + " building's load on a phase moves by more than this.")
    int baseLoadChangeA() default 2;

    @AttributeDefinition(name = "Energy prices", description = "Energy price windows in the site's time zone, in"
            + " minor units per kWh, e.g. '22:00-06:00 29, 06:00-22:00 39'; empty: energy costs the same all day.")
    String energyPrices() default "";

    @AttributeDefinition(name = "Time zone", description = "IANA id of the site's time zone for the price windows;"
            + " empty: the system's.")
    String timeZone() default "";

    @AttributeDefinition(name = "Priority vehicles", description = "Vehicles that charge before the others when not"
            + " all can have their energy (a fleet's own), comma-separated ids; a trailing * matches a prefix.")
    String priorityVehicles() default "";

    @AttributeDefinition(name = "Rise (A per minute)", min = "0", description = "How fast a charging pile's current"
            + " may rise; it falls at once, and a pile starting takes its current at once. 0: not bounded.")
    int riseAPerMinute() default 0;

    @AttributeDefinition(name = "Re-plan interval (s)", min = "5", description = "How often the depot plans anew"
            + " without an event.")
    int replanIntervalS() default 60;

    @AttributeDefinition(name = "Policy", description = "planned: by departure, target and price; equal-share:"
            + " every charging pile the same current, the earliest kept at 6 A when not all fit.")
    String policy() default "planned";
}
