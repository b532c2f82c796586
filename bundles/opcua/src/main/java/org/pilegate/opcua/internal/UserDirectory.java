package org.pilegate.opcua.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The configured OPC UA users; with none, nobody can write or call methods. */
final class UserDirectory {

    /**
     * Checked against for unknown names, so that a wrong name costs as much time as a wrong password. Made on the
     * first such sign-in, not when the class loads: hashing it takes a second of the gateway's start otherwise.
     */
    private static final class Nobody {
        static final UserEntry ENTRY = UserEntry.create("nobody", "not-a-password".toCharArray(),
                UserEntry.DEFAULT_ITERATIONS);
    }

    private final Map<String, UserEntry> users;

    private UserDirectory(Map<String, UserEntry> users) {
        this.users = Map.copyOf(users);
    }

    /**
     * Reads the configured entries, separated by commas.
     *
     * @throws IllegalArgumentException naming the entry that is wrong, or a user listed twice
     */
    static UserDirectory parse(String entries) {
        Map<String, UserEntry> users = new LinkedHashMap<>();
        for (String text : split(entries)) {
            UserEntry entry = UserEntry.parse(text);
            if (users.putIfAbsent(entry.name(), entry) != null) {
                throw new IllegalArgumentException("user " + entry.name() + " is listed twice");
            }
        }
        return new UserDirectory(users);
    }

    /** The configured entries with {@code entry} added, or replacing the entry of the same user. */
    static String withEntry(String entries, UserEntry entry) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String text : split(entries)) {
            users.put(UserEntry.parse(text).name(), text);
        }
        users.put(entry.name(), entry.toString());
        return String.join(",", users.values());
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    /** The operator with this name and password, if both are right. */
    Optional<ClientIdentity.Operator> authenticate(String name, String password) {
        UserEntry entry = users.get(name);
        boolean matches = (entry == null ? Nobody.ENTRY : entry).matches(password.toCharArray());
        return entry != null && matches ? Optional.of(new ClientIdentity.Operator(name)) : Optional.empty();
    }

    @Override
    public String toString() {
        return users.keySet().stream().collect(Collectors.joining(", ", "users [", "]"));
    }

    private static String[] split(String entries) {
        return Arrays.stream(entries.split(",")).map(String::strip).filter(text -> !text.isEmpty())
                .toArray(String[]::new);
    }
}
