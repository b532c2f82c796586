package org.pilegate.api.pile;

import java.util.Objects;

import org.pilegate.api.error.ErrorCode;

/**
 * One reason a pile cannot be trusted now: its code in the error catalogue, by which it is told apart from others,
 * and exactly what, for humans.
 *
 * @param code which fault, e.g. {@link ErrorCode#RELAY_NOT_ANSWERING}
 * @param text what exactly, e.g. "relay bay-07.relay not answering since 2026-12-03T10:00:00Z"
 */
public record PileFault(ErrorCode code, String text) {

    public PileFault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a fault's text must not be blank");
        }
    }
}
