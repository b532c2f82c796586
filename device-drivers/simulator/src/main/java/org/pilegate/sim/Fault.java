package org.pilegate.sim;

import java.util.Objects;

/** A way a simulated device misbehaves until cleared; applies to every request addressed to it. */
public sealed interface Fault {

    /** Requests are read and swallowed, so clients time out. */
    record NoReply() implements Fault {
    }

    /** Every request is answered with this Modbus exception code, e.g. 4 (server device failure). */
    record ExceptionReply(int code) implements Fault {

        public ExceptionReply {
            if (code < 1 || code > 0xFF) {
                throw new IllegalArgumentException("exception code must be 1..255, was " + code);
            }
        }
    }

    /** The connection carrying a request to the device is closed instead of answered. */
    record DropConnection() implements Fault {
    }

    /** The answer is sent, but damaged. */
    record Corrupt(Corruption corruption) implements Fault {

        public Corrupt {
            Objects.requireNonNull(corruption, "corruption");
        }
    }

    /** How a {@link Corrupt} answer is damaged. */
    enum Corruption {
        /** A correct answer under another transaction id. */
        WRONG_TRANSACTION_ID,
        /** A correct answer whose MBAP length field claims fewer bytes than follow. */
        BROKEN_LENGTH,
        /** Random bytes in place of the answer. */
        RANDOM_BYTES
    }

    static Fault noReply() {
        return new NoReply();
    }

    static Fault exception(int code) {
        return new ExceptionReply(code);
    }

    static Fault dropConnection() {
        return new DropConnection();
    }

    static Fault corrupt(Corruption corruption) {
        return new Corrupt(corruption);
    }
}
