package org.pilegate.metrics.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.metrics.HealthCheck;

/**
 * The store answers: DOWN without it, since sessions, credentials and wallets all live there and the gateway cannot
 * bind or bill a session. The store registers its DataSource only once its schema is migrated.
 */
@Component
public class StoreHealthCheck implements HealthCheck {

    static final int TIMEOUT_SECONDS = 2;

    @Reference(target = "(pilegate.store=main)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DataSource store;

    public StoreHealthCheck() {
    }

    StoreHealthCheck(DataSource store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public Result check() {
        DataSource dataSource = store;
        if (dataSource == null) {
            return Result.down("the store is not running (no DataSource with pilegate.store=main)");
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(TIMEOUT_SECONDS)
                    ? Result.up("the database answers")
                    : Result.down("the database did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return Result.down("no connection to the database: " + e.getMessage());
        }
    }
}
