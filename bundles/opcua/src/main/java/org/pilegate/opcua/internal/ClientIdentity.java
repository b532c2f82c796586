package org.pilegate.opcua.internal;

import java.util.Optional;

import org.eclipse.milo.opcua.sdk.server.Session;

/** Who a client session authenticated as: anyone (browse and read only) or a configured operator. */
sealed interface ClientIdentity {

    ClientIdentity ANONYMOUS = new Anonymous();

    /** A client without a user: may browse, read and subscribe. */
    record Anonymous() implements ClientIdentity {
    }

    /** A configured user: may also write and call methods. */
    record Operator(String name) implements ClientIdentity {
    }

    /** The identity a session was activated with; anonymous when there is none (a session being created). */
    static ClientIdentity of(Optional<Session> session) {
        return session.map(Session::getIdentityObject)
                .filter(ClientIdentity.class::isInstance)
                .map(ClientIdentity.class::cast)
                .orElse(ANONYMOUS);
    }
}
