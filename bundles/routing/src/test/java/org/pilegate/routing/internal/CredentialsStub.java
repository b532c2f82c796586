package org.pilegate.routing.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;

/** Credentials kept in memory: {@code <terminal id>.<random secret>}. */
final class CredentialsStub implements TerminalCredentials {

    private final Map<TerminalId, String> credentials = new ConcurrentHashMap<>();

    @Override
    public String issue(TerminalId terminal) {
        String credential = terminal.value() + "." + UUID.randomUUID();
        credentials.put(terminal, credential);
        return credential;
    }

    @Override
    public Optional<TerminalId> authenticate(String credential) {
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
