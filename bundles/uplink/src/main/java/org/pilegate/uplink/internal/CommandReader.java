package org.pilegate.uplink.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.pile.PileId;

/**
 * Reads the fleet's commands strictly: the commands topic is a way into the depot's control, so anything not exactly a
 * command for this site, unexpired, and expiring within the longest lifetime allowed, is refused, naming the field and
 * why. The lifetime bounds how long a command's id must be remembered for it to be applied once. Unknown fields are
 * refused too, so that a misspelt one is not silently ignored. What a command's values may be (a pile's current range,
 * a tariff's fields) is checked where the shell's and {@code etc/}'s values are, when it is applied.
 *
 * <pre>
 * {"commandId": "c-42", "schemaVersion": 1, "siteId": "depot-north", "type": "pile.limit",
 *  "expiresAt": "2026-12-03T12:00:00Z", "pileId": "bay-07", "limitA": 16}
 * </pre>
 */
final class CommandReader {

    /** Larger than any tariff; a record beyond it is refused unread. */
    static final int MAX_CHARS = 256 * 1024;
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** issuedAt is the fleet's, for its own records; read by no one here. */
    private static final Set<String> ENVELOPE = Set.of("commandId", "schemaVersion", "siteId", "type", "issuedAt",
            "expiresAt");
    private static final Map<String, Set<String>> BODIES = Map.of("tariff.update", Set.of("tariff"),
            "site.limit", Set.of("limitW"), "pile.limit", Set.of("pileId", "limitA"),
            "pile.availability", Set.of("pileId", "available"));

    private final String siteId;
    private final Duration lifetimeMax;

    /** @param lifetimeMax how far ahead a command's expiry may be when it arrives */
    CommandReader(String siteId, Duration lifetimeMax) {
        this.siteId = siteId;
        this.lifetimeMax = lifetimeMax;
    }

    /** @throws Refusal when the record is not a JSON object of a readable size */
    JsonNode tree(String value) {
        if (value == null) {
            throw new Refusal(ErrorCode.INVALID_MESSAGE, "the record has no value");
        }
        if (value.length() > MAX_CHARS) {
            throw new Refusal(ErrorCode.MESSAGE_TOO_LARGE, "the record has " + value.length()
                    + " characters, more than the " + MAX_CHARS + " a command may have");
        }
        JsonNode tree;
        try {
            tree = Records.JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new Refusal(ErrorCode.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage() + Optional.ofNullable(
                    e.getLocation()).map(at -> " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    .orElse(""));
        }
        if (tree == null || !tree.isObject()) {
            throw new Refusal(ErrorCode.INVALID_MESSAGE, "a command must be a JSON object");
        }
        return tree;
    }

    /** The command's id, where it has a well-formed one. */
    static Optional<String> commandId(JsonNode tree) {
        return Optional.ofNullable(tree.get("commandId")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .filter(id -> COMMAND_ID.matcher(id).matches());
    }

    /** The command's type as it says, for the answer; "unknown" where it says none. */
    static String type(JsonNode tree) {
        return Optional.ofNullable(tree.get("type")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .filter(BODIES::containsKey).orElse("unknown");
    }

    /** @throws Refusal naming the field at fault, or {@link ErrorCode#COMMAND_EXPIRED} */
    Command.Envelope envelope(JsonNode tree, Instant now) {
        String commandId = text(tree, "commandId");
        if (!COMMAND_ID.matcher(commandId).matches()) {
            throw invalid("commandId", "must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        if (!tree.path("schemaVersion").isInt() || tree.get("schemaVersion").intValue() != Records.SCHEMA_VERSION) {
            throw invalid("schemaVersion", "must be " + Records.SCHEMA_VERSION);
        }
        if (!text(tree, "siteId").equals(siteId)) {
            throw invalid("siteId", "'" + tree.get("siteId").textValue() + "' is not this site, " + siteId);
        }
        String type = text(tree, "type");
        Set<String> body = BODIES.get(type);
        if (body == null) {
            throw new Refusal(ErrorCode.UNKNOWN_TYPE, "type: '" + type + "' is none of " + BODIES.keySet());
        }
        for (Iterator<String> fields = tree.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!ENVELOPE.contains(field) && !body.contains(field)) {
                throw invalid(field, "unknown for " + type);
            }
        }
        Instant expiresAt = instant(tree, "expiresAt");
        if (!now.isBefore(expiresAt)) {
            throw new Refusal(ErrorCode.COMMAND_EXPIRED, "expiresAt: " + expiresAt + " has passed; it is " + now);
        }
        if (expiresAt.isAfter(now.plus(lifetimeMax))) {
            throw invalid("expiresAt", expiresAt + " is more than " + lifetimeMax.toHours() + " h ahead, the longest a"
                    + " command may stay valid here (commandLifetimeMaxH); it is " + now);
        }
        return new Command.Envelope(commandId, type, expiresAt, body(type, tree));
    }

    private static Command body(String type, JsonNode tree) {
        return switch (type) {
            case "tariff.update" -> {
                JsonNode tariff = tree.get("tariff");
                if (tariff == null || !tariff.isObject()) {
                    throw invalid("tariff", "must be an OCPI 2.2.1 tariff object");
                }
                yield new Command.TariffUpdate(tariff.toString());
            }
            case "site.limit" -> new Command.SiteLimit(limit(tree, "limitW", Long.MAX_VALUE));
            case "pile.limit" -> {
                OptionalLong limitA = limit(tree, "limitA", Integer.MAX_VALUE);
                yield new Command.PileLimit(pile(tree), limitA.isPresent() ? OptionalInt.of((int) limitA.getAsLong())
                        : OptionalInt.empty());
            }
            default -> {
                JsonNode available = tree.get("available");
                if (available == null || !available.isBoolean()) {
                    throw invalid("available", "must be true or false");
                }
                yield new Command.PileAvailability(pile(tree), available.booleanValue());
            }
        };
    }

    /** A whole number up to {@code max}, or null to lift the limit; it must be there either way. */
    private static OptionalLong limit(JsonNode tree, String field, long max) {
        JsonNode limit = tree.get(field);
        if (limit == null) {
            throw invalid(field, "required: a whole number, or null to lift the limit");
        }
        if (limit.isNull()) {
            return OptionalLong.empty();
        }
        if (!limit.canConvertToLong() || !limit.isIntegralNumber() || limit.longValue() > max) {
            throw invalid(field, "must be a whole number up to " + max + " or null, not " + limit);
        }
        return OptionalLong.of(limit.longValue());
    }

    private static PileId pile(JsonNode tree) {
        String pile = text(tree, "pileId");
        try {
            return new PileId(pile);
        } catch (IllegalArgumentException e) {
            throw invalid("pileId", e.getMessage());
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(field, "required, a string");
        }
        return value.textValue();
    }

    private static Instant instant(JsonNode tree, String field) {
        String text = text(tree, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be a UTC time like 2026-12-03T12:00:00Z, not '" + text + "'");
        }
    }

    private static Refusal invalid(String field, String why) {
        return new Refusal(ErrorCode.INVALID_MESSAGE, field + ": " + why);
    }
}
