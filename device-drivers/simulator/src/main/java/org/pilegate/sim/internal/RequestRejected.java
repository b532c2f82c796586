package org.pilegate.sim.internal;

/** A request a device answers with a Modbus exception instead of data. */
final class RequestRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ExceptionCode code;

    RequestRejected(ExceptionCode code) {
        // no stack trace: rejections are ordinary answers, and clients may provoke thousands a second
        super(code.name(), null, false, false);
        this.code = code;
    }

    ExceptionCode code() {
        return code;
    }
}
