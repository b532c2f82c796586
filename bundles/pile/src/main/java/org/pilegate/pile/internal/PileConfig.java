package org.pilegate.pile.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate pile", description = "One charging pile: the meter and the relay it consists of.")
public @interface PileConfig {

    @AttributeDefinition(name = "Pile id", description = "e.g. bay-07; letters, digits, '.', '_' and '-'.")
    String id();

    @AttributeDefinition(name = "Meter id", description = "The id of the pile's meter driver configuration.")
    String meter();

    @AttributeDefinition(name = "Relay id", description = "The id of the pile's relay driver configuration.")
    String relay();

    @AttributeDefinition(name = "Grace period (ms)", min = "1000", description = "How long a device may stay silent"
            + " before the pile is faulted; long enough for a driver bundle to be updated.")
    int graceMs() default 10_000;

    @AttributeDefinition(name = "Maximum current (A)", min = "6", max = "1000", description = "Most current per phase"
            + " the pile and its supply can carry; no session is offered more.")
    int maxCurrentA() default 32;

    @AttributeDefinition(name = "Phases", min = "1", max = "3", description = "Phases the pile charges on: 1 or 3."
            + " With the voltage, it turns the site's power limit into current per phase.")
    int phases() default 3;

    @AttributeDefinition(name = "Feeder", description = "The distribution board or fuse the pile hangs from, as"
            + " named in the site's feeders (etc/org.pilegate.site.cfg); grid: straight on the grid connection.")
    String feeder() default "grid";

    @AttributeDefinition(name = "Phase rotation", description = "The site's phases the pile's own L1, L2, L3 are wired"
            + " to, e.g. L2L3L1 for a three-phase pile with rotation, L2 for a single-phase pile on L2; empty: in order"
            + " from L1.")
    String phaseRotation() default "";

    @AttributeDefinition(name = "Voltage (V)", min = "100", max = "500", description = "Nominal voltage per phase,"
            + " line to neutral; a pile draws phases × voltage × current.")
    int voltageV() default 230;

    @AttributeDefinition(name = "Idle finish (s)", min = "1", description = "A session ends once the vehicle has drawn"
            + " no power (control pilot B: paused or full) for this long.")
    int idleFinishS() default 900;
}
