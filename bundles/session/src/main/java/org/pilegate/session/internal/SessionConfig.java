package org.pilegate.session.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate sessions", description = "The server side of the charging dialogue: prompts,"
        + " terminal binding, charging decisions and status.")
public @interface SessionConfig {

    @AttributeDefinition(name = "Status interval (ms)", min = "200", description = "How often a running session's"
            + " status goes to its terminal, besides on every change of state.")
    int statusIntervalMs() default 5_000;

    @AttributeDefinition(name = "Prompt lifetime (s)", min = "10", description = "How long an association token is"
            + " accepted; a prompt nobody answered is renewed when it expires.")
    int promptLifetimeS() default 300;

    @AttributeDefinition(name = "Admission backlog (ms)", min = "10", description = "While the shared workers are"
            + " behind by more than this (the step first in line has waited this long), a charging request is"
            + " answered gateway_busy instead of being taken on: past its capacity the gateway finishes what it runs"
            + " rather than slowing everything down.")
    int admissionBacklogMs() default 250;

    @AttributeDefinition(name = "Status held during a database outage (MiB)", min = "1", description = "The memory all"
            + " sessions together may take for the status points they hold while the database is out of reach, split"
            + " evenly among the open sessions (about 100 bytes a point). Past its share a session thins its held"
            + " points: its first and latest ones stay, so no energy goes unbilled, and every n-th point of the"
            + " outage, n the smallest power of two that fits, so the timeline covers the outage evenly. The default"
            + " holds every point of 20 sessions for nearly two days and of 2,000 sessions for almost half an hour at"
            + " the 5 s interval, thinned after that, within an eighth of the gateway's heap.")
    int heldStatusBudgetMiB() default 64;
}
