package org.pilegate.store;

import java.sql.SQLException;
import java.util.Set;

/** What a failed statement means, across the two databases the store supports (H2 and PostgreSQL). */
public final class SqlStates {

    private SqlStates() {
    }

    /** A unique key already holds the value: 23505 in both. */
    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** A row refers to a parent that does not exist: PostgreSQL's 23503, H2's 23506. */
    public static boolean isMissingParent(SQLException e) {
        return Set.of("23503", "23506").contains(e.getSQLState());
    }
}
