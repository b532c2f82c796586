package org.pilegate.platform.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and extends Karaf's {@code etc/users.properties}. Passwords come hashed, as the realm's encryption service
 * stores them ({@link PasswordHashing#stored}).
 */
final class UsersProperties {

    static final String ADMIN_GROUP = "admingroup";
    private static final String GROUP_PREFIX = "_g_\\:";

    private UsersProperties() {
    }

    /** Whether any user (not a group, not a comment) is defined. */
    static boolean hasUser(List<String> lines) {
        return lines.stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("!"))
                .anyMatch(line -> !line.startsWith(GROUP_PREFIX));
    }

    /** The file with an operator in the admin group appended, and the group itself if it is missing. */
    static List<String> withOperator(List<String> lines, String user, String storedPassword) {
        requireUserName(user);
        List<String> result = new ArrayList<>(lines);
        result.add(user + " = " + storedPassword + ",_g_:" + ADMIN_GROUP);
        boolean groupDefined = lines.stream().map(String::strip)
                .anyMatch(line -> line.startsWith(GROUP_PREFIX + ADMIN_GROUP));
        if (!groupDefined) {
            result.add(GROUP_PREFIX + ADMIN_GROUP + " = group,admin,manager,viewer,systembundles,ssh");
        }
        return result;
    }

    /** @throws IllegalArgumentException saying why {@code user} cannot be a login in the file */
    static void requireUserName(String user) {
        if (user == null || !user.matches("[A-Za-z][A-Za-z0-9._-]{0,31}")) {
            throw new IllegalArgumentException("'" + user
                    + "' must start with a letter and use only letters, digits, '.', '_' or '-' (max 32)");
        }
    }
}
