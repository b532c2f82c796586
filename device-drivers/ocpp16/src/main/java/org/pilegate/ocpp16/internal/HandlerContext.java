package org.pilegate.ocpp16.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import org.pilegate.ocpp16.internal.rpc.RpcErrorCode;
import org.pilegate.ocpp16.internal.rpc.RpcException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the handlers share.
 *
 * @param knownTag whether an idTag is a registered vehicle's
 * @param heartbeatIntervalS the interval BootNotification tells charge points, as configured now
 * @param afterBoot runs once a charge point's boot was accepted, to ask it for its connectors' state
 * @param billing bills the transactions no session bills
 * @param ready whether the gateway can take charge points' sessions now (vehicle registry and sessions running):
 *        until then a boot is answered Pending
 */
record HandlerContext(ObjectMapper json, Clock clock, JdbcTransactions transactions, Predicate<String> knownTag,
        IntSupplier heartbeatIntervalS, Consumer<ChargePointLink> afterBoot, TransactionBilling billing,
        BooleanSupplier ready) {

    /** The current time as OCPP writes it: UTC, milliseconds. */
    String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    ObjectNode idTagInfo(String status) {
        ObjectNode info = json.createObjectNode();
        info.putObject("idTagInfo").put("status", status);
        return info;
    }

    static Connector connector(ChargePointLink chargePoint, int connectorId) {
        return chargePoint.connector(connectorId).orElseThrow(() -> new RpcException(
                RpcErrorCode.PropertyConstraintViolation, "connectorId: " + chargePoint.id() + " has no connector "
                        + connectorId + " (registered with " + chargePoint.connectors().size() + ")"));
    }
}
