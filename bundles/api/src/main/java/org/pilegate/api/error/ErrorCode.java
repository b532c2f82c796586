package org.pilegate.api.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every reason the gateway refuses a request, whoever asks and however: the code clients read on the wire, the HTTP
 * status it is answered with, and what it means. Wire codes are spelled out rather than derived from the constants'
 * names, so renaming a constant can never change what clients receive.
 */
public enum ErrorCode {

    // the message or request itself
    MALFORMED_JSON("malformed_json", 400, "The message is not valid JSON."),
    INVALID_MESSAGE("invalid_message", 400, "A field of the message is missing, unknown or out of range."),
    UNKNOWN_TYPE("unknown_type", 400, "The message has no type, or one the gateway does not read."),
    MESSAGE_TOO_LARGE("message_too_large", 413, "The message is longer than the gateway reads."),
    INVALID_REQUEST("invalid_request", 400, "A parameter of the request is missing or out of range."),
    NOT_FOUND("not_found", 404, "There is no such page or file."),
    COMMAND_EXPIRED("command_expired", 410, "The command arrived after its expiry time and was not applied."),

    // who asks
    UNAUTHENTICATED("unauthenticated", 401, "The request carries no credential, or one the gateway does not accept."),
    TOO_MANY_ATTEMPTS("too_many_attempts", 429, "Too many wrong passwords; the account is locked for a while."),

    // the gateway
    SERVICE_UNAVAILABLE("service_unavailable", 503, "A service the request needs is not running; ask again shortly."),
    SERVICE_BUSY("service_busy", 503, "The pile did not answer in time; ask again."),
    GATEWAY_BUSY("gateway_busy", 503, "The gateway is at capacity and starts no new charging now; ask again in a few"
            + " seconds."),
    INTERNAL_ERROR("internal_error", 500, "The gateway failed; its log holds the details under the reference given."),

    // piles and vehicles
    UNKNOWN_PILE("unknown_pile", 404, "There is no such pile at this depot."),
    PILE_UNAVAILABLE("pile_unavailable", 503, "The pile cannot charge now: its controller is not running, or it can "
            + "offer less current than charging needs."),
    PILE_BUSY("pile_busy", 409, "Another terminal holds the pile."),
    PILE_NOT_CHARGING("pile_not_charging", 502, "The pile did not start charging."),
    NO_VEHICLE("no_vehicle", 409, "No vehicle is waiting at the pile."),
    NOT_YOUR_VEHICLE("not_your_vehicle", 403, "The vehicle at the pile is registered to another account."),
    CHARGE_POINT_OFFLINE("charge_point_offline", 503, "The OCPP charge point of the pile is not connected."),
    CHARGE_POINT_REFUSED("charge_point_refused", 502, "The OCPP charge point refused the command or did not answer"
            + " it in time."),

    // pile faults: why a pile cannot be trusted and does not charge (sent to the fleet as pile.fault)
    PILE_FAULTED("pile_faulted", 503, "The pile reports a fault."),
    CONTROL_PILOT_ERROR("control_pilot_error", 503, "The pile's control pilot reports an error (state E or F, or an"
            + " OCPP charge point's Faulted)."),
    RELAY_NOT_ANSWERING("relay_not_answering", 503, "The pile's relay has not answered for longer than the grace"
            + " period: communication with the pile is lost."),
    METER_NOT_ANSWERING("meter_not_answering", 503, "The pile's meter has not answered for longer than the grace"
            + " period."),
    METER_IMPLAUSIBLE("meter_implausible", 503, "The pile's meter reports implausible values."),

    // association
    TERMINAL_MISMATCH("terminal_mismatch", 403, "The association request is in another terminal's name."),
    TOKEN_MALFORMED("token_malformed", 400, "The association token is not one this gateway issues."),
    TOKEN_FORGED("token_forged", 403, "The association token's signature does not match."),
    TOKEN_OTHER_PILE("token_other_pile", 403, "The association token belongs to another pile."),
    TOKEN_EXPIRED("token_expired", 410, "The association token has expired."),
    TOKEN_REPLAYED("token_replayed", 409, "The association token was used already."),
    TOKEN_STALE("token_stale", 409, "The association token is from an earlier prompt than the latest."),

    // sessions
    UNKNOWN_SESSION("unknown_session", 404, "There is no such session."),
    NOT_ASSOCIATED("not_associated", 409, "No terminal is associated with the session at the pile yet."),
    NOT_BOUND("not_bound", 403, "The session is not bound to the terminal asking."),
    ALREADY_CHARGING("already_charging", 409, "The session was granted charging already."),
    SESSION_ENDED("session_ended", 409, "The session has ended."),

    // charging requests
    TARGET_TOO_LARGE("target_too_large", 422, "The target energy is more than any vehicle holds."),
    DEPARTURE_IN_PAST("departure_in_past", 422, "The departure time is not in the future."),
    CURRENCY_MISMATCH("currency_mismatch", 422, "The budget is in another currency than the wallet."),

    // payment
    INSUFFICIENT_BALANCE("insufficient_balance", 402, "The wallet's balance does not cover the amount."),
    NOT_FINISHED("not_finished", 409, "The session has not finished, so no fee is due yet."),
    NOTHING_DUE("nothing_due", 409, "The session costs nothing."),
    STALE_FEE("stale_fee", 409, "The confirmation names another fee than the one due."),
    ALREADY_PAID("already_paid", 409, "The session was paid for another fee."),
    NO_ACCOUNT("no_account", 403, "The terminal belongs to no account, so it has no wallet."),
    REFERENCE_IN_USE("reference_in_use", 409, "The reference was booked for another kind of movement.");

    private static final Map<String, ErrorCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final String code;
    private final int httpStatus;
    private final String meaning;

    ErrorCode(String code, int httpStatus, String meaning) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.meaning = meaning;
    }

    /** The constant whose wire code this is. */
    public static Optional<ErrorCode> ofCode(String code) {
        return Optional.ofNullable(code).map(BY_CODE::get);
    }

    /** What clients read in the error's {@code "code"}, in lower snake case, e.g. {@code "pile_busy"}. */
    public String code() {
        return code;
    }

    /** The HTTP status an HTTP answer carrying this error has. */
    public int httpStatus() {
        return httpStatus;
    }

    /** What the error means, in one sentence. */
    public String meaning() {
        return meaning;
    }
}
