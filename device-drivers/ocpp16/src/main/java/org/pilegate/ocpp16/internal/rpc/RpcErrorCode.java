package org.pilegate.ocpp16.internal.rpc;

/**
 * The error codes of an OCPP-J 1.6 CALLERROR, spelled as the specification spells them on the wire (its
 * "Occurence" included). These are the protocol's vocabulary, like HTTP's statuses; why the gateway refuses something
 * is said by the catalogue's {@code ErrorCode}, in the description.
 */
public enum RpcErrorCode {
    /** The action is not known. */
    NotImplemented,
    /** The action is known but not supported. */
    NotSupported,
    /** The action could not be carried out. */
    InternalError,
    /** The payload is incomplete. */
    ProtocolError,
    /** The action is not allowed now. */
    SecurityError,
    /** The payload is not well formed JSON of the message's shape. */
    FormationViolation,
    /** A field holds a value outside what is allowed. */
    PropertyConstraintViolation,
    /** A field is missing or occurs too often. */
    OccurenceConstraintViolation,
    /** A field holds a value of the wrong type. */
    TypeConstraintViolation,
    /** Anything else. */
    GenericError
}
