package org.pilegate.shell.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** How values read in the shell: times to the second in UTC, absent values as "-". */
final class Formats {

    static final String NONE = "-";

    private Formats() {
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String time(Optional<Instant> instant) {
        return instant.map(Formats::time).orElse(NONE);
    }

    static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(NONE);
    }

    static String amps(OptionalInt limitA, String otherwise) {
        return limitA.isPresent() ? limitA.getAsInt() + " A" : otherwise;
    }

    static String watts(OptionalLong limitW, String otherwise) {
        return limitW.isPresent() ? limitW.getAsLong() + " W" : otherwise;
    }
}
