package org.pilegate.opcua.internal;

import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.AbstractUsernameIdentityValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits configured users by password and, only if anonymous browsing is enabled, anonymous clients. A refused
 * client gets BadUserAccessDenied when it activates its session.
 */
final class OperatorIdentityValidator extends AbstractUsernameIdentityValidator<ClientIdentity> {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorIdentityValidator.class);

    private final UserDirectory users;
    private final boolean anonymousBrowsing;

    OperatorIdentityValidator(UserDirectory users, boolean anonymousBrowsing) {
        this.users = users;
        this.anonymousBrowsing = anonymousBrowsing;
    }

    @Override
    protected ClientIdentity authenticateAnonymous(Session session) {
        return anonymousBrowsing ? ClientIdentity.ANONYMOUS : null;
    }

    @Override
    protected ClientIdentity authenticateUsernamePassword(Session session, String username, String password) {
        return users.authenticate(username, password).map(ClientIdentity.class::cast).orElseGet(() -> {
            // the name comes from the client: no control characters into the log
            LOG.warn("OPC UA login of user '{}' refused: unknown user or wrong password",
                    username.replaceAll("\\p{Cntrl}", "?"));
            return null;
        });
    }
}
