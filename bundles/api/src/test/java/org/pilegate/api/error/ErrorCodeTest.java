package org.pilegate.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    private static final Pattern LOWER_SNAKE_CASE = Pattern.compile("[a-z]+(_[a-z]+)*");

    @Test
    void codesAreLowerSnakeCaseAndUnique() {
        for (ErrorCode error : ErrorCode.values()) {
            assertTrue(LOWER_SNAKE_CASE.matcher(error.code()).matches(), error.code());
        }
        assertEquals(ErrorCode.values().length,
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct().count());
    }

    @Test
    void everyCodeIsAnsweredWithAClientOrServerErrorStatus() {
        for (ErrorCode error : ErrorCode.values()) {
            assertTrue(error.httpStatus() >= 400 && error.httpStatus() <= 599, error + ": " + error.httpStatus());
        }
    }

    @Test
    void everyCodeSaysWhatItMeansInOneSentence() {
        for (ErrorCode error : ErrorCode.values()) {
            String meaning = error.meaning();
            assertTrue(Character.isUpperCase(meaning.charAt(0)) && meaning.endsWith(".")
                    && meaning.indexOf(". ") < 0, error + ": " + meaning);
        }
    }

    @Test
    void ofCodeFindsEveryConstantByItsWireCodeAndNothingElse() {
        for (ErrorCode error : ErrorCode.values()) {
            assertEquals(Optional.of(error), ErrorCode.ofCode(error.code()));
        }
        assertEquals(Optional.empty(), ErrorCode.ofCode("PILE_BUSY"));
        assertEquals(Optional.empty(), ErrorCode.ofCode("teleport_failed"));
        assertEquals(Optional.empty(), ErrorCode.ofCode(null));
    }

    @Test
    void codesClientsKnowKeepTheirSpelling() {
        Set<String> known = Set.of("malformed_json", "invalid_message", "unknown_type", "message_too_large",
                "invalid_request", "not_found", "unauthenticated", "too_many_attempts", "service_unavailable",
                "service_busy", "gateway_busy", "internal_error", "unknown_pile", "pile_unavailable", "pile_busy",
                "pile_not_charging", "no_vehicle", "not_your_vehicle", "terminal_mismatch", "token_malformed", "token_forged",
                "token_other_pile", "token_expired", "token_replayed", "token_stale", "unknown_session",
                "not_associated", "not_bound", "already_charging", "session_ended", "target_too_large",
                "departure_in_past", "currency_mismatch", "insufficient_balance", "not_finished", "nothing_due",
                "stale_fee", "already_paid", "no_account", "reference_in_use", "charge_point_offline",
                "charge_point_refused", "command_expired", "pile_faulted", "control_pilot_error",
                "relay_not_answering", "meter_not_answering", "meter_implausible");

        assertEquals(known, Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet()));
    }
}
