package org.pilegate.api.error;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * A failure that means the database cannot be reached or written now, rather than a fault of the request: it is
 * answered {@link ErrorCode#SERVICE_UNAVAILABLE}, since the same request succeeds once the database is back. A
 * statement that failed on an I/O error beneath it (H2 writing its file to a full disk) counts too.
 */
public final class StoreOutage {

    /**
     * PostgreSQL's "operator intervention" states (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect
     * now) and H2's 90028 (I/O failure), 90098 (database closed after one), 90100 (no disk space) and 90121
     * (database closed at shutdown). The connection exception class 08 of both is matched as a class.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "90028", "90098", "90100", "90121");
    private static final int MAX_CAUSES = 16;

    private StoreOutage() {
    }

    /** Whether {@code failure} or one of its causes says the database is out of reach. */
    public static boolean isOutage(Throwable failure) {
        Throwable cause = failure;
        boolean inDatabase = false;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // the embedded database failing to write its own file (a full disk) says so only as a general error
            if (inDatabase && cause instanceof IOException) {
                return true;
            }
            inDatabase |= cause instanceof SQLException;
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The refusal a client gets for {@code failure} when it is an outage of the database. */
    public static Optional<Refusal> refusal(Throwable failure) {
        return isOutage(failure) ? Optional.of(new Refusal(ErrorCode.SERVICE_UNAVAILABLE,
                "the gateway's database cannot be reached or written now; nothing was changed, ask again shortly"))
                : Optional.empty();
    }
}
