package org.pilegate.routing.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;

/**
 * Checks terminal credentials for the WebSocket and REST routes. The credentials service is followed dynamically: while
 * the bundle behind it is replaced, new logins are asked to retry, and connected terminals stay connected.
 */
@Component(service = TerminalAuthenticator.class)
public class FollowedCredentials implements TerminalAuthenticator {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TerminalCredentials credentials;

    public FollowedCredentials() {
        // for DS, which binds the credentials service when there is one
    }

    FollowedCredentials(TerminalCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Optional<TerminalId> authenticate(String credential) {
        TerminalCredentials current = credentials;
        if (current == null) {
            throw new TerminalMessageException(ErrorCode.SERVICE_UNAVAILABLE,
                    "terminal credentials cannot be checked right now; try again shortly");
        }
        return current.authenticate(credential);
    }
}
