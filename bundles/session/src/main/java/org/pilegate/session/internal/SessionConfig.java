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
}
