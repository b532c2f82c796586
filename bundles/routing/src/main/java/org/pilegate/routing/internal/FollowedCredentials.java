package org.pilegate.routing.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.secret.SignInAttempts;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.routing.TerminalAuthenticator;

/**
 * Checks terminal credentials for the WebSocket and REST routes. The credentials service is followed dynamically: while
 * the bundle behind it is replaced, new logins are asked to retry, and connected terminals stay connected.
 * <p>
 * Guessing is limited as operator sign-in is: {@value #MAX_FAILURES} attempts a minute per terminal id and per client
 * address, each reserved before the check so parallel guesses count as guesses in a row do, and a success starting
 * the name afresh. Past the limit nothing is checked, a valid credential included, and the answer says so
 * ({@code too_many_attempts}). Loopback clients are counted per terminal only: they are this machine's own (a local
 * proxy, tools), and all of them share one address.
 */
@Component(service = TerminalAuthenticator.class)
public class FollowedCredentials implements TerminalAuthenticator {

    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    /** Terminal ids, and addresses, tried within one window that are remembered: a few MiB at most. */
    static final int REMEMBERED = 10_000;
    /** Longer than any credential the gateway issues: never checked, its terminal id never remembered. */
    private static final int MAX_CREDENTIAL_LENGTH = 200;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TerminalCredentials credentials;
    private final SignInAttempts byTerminal;
    private final SignInAttempts byAddress;

    public FollowedCredentials() {
        // for DS, which binds the credentials service when there is one
        this(null, System::nanoTime);
    }

    FollowedCredentials(TerminalCredentials credentials, LongSupplier nanoTime) {
        this.credentials = credentials;
        this.byTerminal = new SignInAttempts(MAX_FAILURES, FAILURE_WINDOW, REMEMBERED, nanoTime);
        this.byAddress = new SignInAttempts(MAX_FAILURES, FAILURE_WINDOW, REMEMBERED, nanoTime);
    }

    @Override
    public Optional<TerminalId> authenticate(String credential, String clientAddress) {
        TerminalCredentials current = credentials;
        if (current == null) {
            throw new TerminalMessageException(ErrorCode.SERVICE_UNAVAILABLE,
                    "terminal credentials cannot be checked right now; try again shortly");
        }
        if (credential.length() > MAX_CREDENTIAL_LENGTH) {
            return Optional.empty();
        }
        Optional<String> address = counted(clientAddress);
        Optional<String> terminal = terminalOf(credential);
        reserve(byAddress, address, "from " + clientAddress);
        try {
            reserve(byTerminal, terminal, "for terminal '" + terminal.orElse("") + "'");
        } catch (TerminalMessageException refused) {
            address.ifPresent(byAddress::succeeded);
            throw refused;
        }
        Optional<TerminalId> authenticated = current.authenticate(credential);
        if (authenticated.isPresent()) {
            address.ifPresent(byAddress::succeeded);
            terminal.ifPresent(byTerminal::succeeded);
        }
        return authenticated;
    }

    private static void reserve(SignInAttempts attempts, Optional<String> name, String which) {
        if (name.isEmpty()) {
            return;
        }
        try {
            attempts.reserve(name.get());
        } catch (SignInAttempts.Refused e) {
            throw new TerminalMessageException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed authentications "
                    + which + " lately; nothing was checked, try again in a minute");
        }
    }

    /** The address counted, none for a loopback client (read from the literal: no name is looked up). */
    private static Optional<String> counted(String clientAddress) {
        String address = clientAddress.replaceFirst("^::ffff:", "");
        boolean loopback = address.startsWith("127.") || "::1".equals(address)
                || "0:0:0:0:0:0:0:1".equals(address);
        return loopback ? Optional.empty() : Optional.of(address);
    }

    /** The terminal id a credential names, {@code <terminal id>.<secret>}, if it is one. */
    private static Optional<String> terminalOf(String credential) {
        int dot = credential.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TerminalId(credential.substring(0, dot)).value());
        } catch (IllegalArgumentException notATerminalId) {
            return Optional.empty();
        }
    }
}
