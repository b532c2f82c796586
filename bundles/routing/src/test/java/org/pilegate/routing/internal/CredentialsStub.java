package org.pilegate.routing.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;

/** Credentials kept in memory: {@code <terminal id>.<random secret>}. */
final class CredentialsStub implements TerminalCredentials {

    private final Map<TerminalId, String> credentials = new ConcurrentHashMap<>();
    private volatile Duration answerAfter = Duration.ZERO;

    /** From now on each check takes this long, as on a gateway under load. */
    void answerAfter(Duration delay) {
        answerAfter = delay;
    }

    @Override
    public String issue(TerminalId terminal) {
        String credential = terminal.value() + "." + UUID.randomUUID();
        credentials.put(terminal, credential);
        return credential;
    }

    @Override
    public Optional<TerminalId> authenticate(String credential) {
        try {
            Thread.sleep(answerAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return credentials.entrySet().stream()
                .filter(entry -> entry.getValue().equals(credential))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public boolean revoke(TerminalId terminal) {
        return credentials.remove(terminal) != null;
    }
}
