package org.pilegate.modbus;

/** Why a transaction failed, as counted by {@link EndpointMetrics}. */
public enum ErrorKind {
    /** The device did not answer within the timeout. */
    TIMEOUT,
    /** The connection broke or another IO failure occurred. */
    IO,
    /** The connection could not be opened. */
    CONNECTION,
    /** The device answered with a Modbus exception response. */
    SLAVE,
    /** The answer was malformed or did not belong to the request. */
    PROTOCOL
}
