package org.pilegate.session.internal;

import java.lang.annotation.Annotation;

/** A configuration of the session service as Configuration Admin would give it. */
record TestSessionConfig(int statusIntervalMs, int promptLifetimeS, int admissionBacklogMs, int heldStatusBudgetMiB)
        implements SessionConfig {

    @Override
    public Class<? extends Annotation> annotationType() {
        return SessionConfig.class;
    }
}
