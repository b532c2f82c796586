package org.pilegate.ocpp16.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers one action a charge point sends. The request has passed its schema, the answer is checked against its own
 * before it goes out; a handler refuses with an {@code RpcException}. Runs in the charge point's turn, so it may
 * wait for the store, never for a device.
 */
@FunctionalInterface
interface CallHandler {

    ObjectNode handle(ChargePointLink chargePoint, ObjectNode request);
}
