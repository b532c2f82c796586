package org.pilegate.ocpp16.internal.rpc;

import java.util.Objects;

/** A message that is refused with a CALLERROR, or a CALL the peer answered with one. No stack trace: it is answered. */
public final class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RpcErrorCode code;

    public RpcException(RpcErrorCode code, String description) {
        super(description, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RpcErrorCode code() {
        return code;
    }
}
