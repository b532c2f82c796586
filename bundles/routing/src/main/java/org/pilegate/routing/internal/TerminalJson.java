package org.pilegate.routing.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.AssociationRequest;
import org.pilegate.api.terminal.ChargingPromise;
import org.pilegate.api.terminal.ChargingPrompt;
import org.pilegate.api.terminal.ChargingRequest;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.terminal.PaymentConfirmation;
import org.pilegate.api.terminal.PromptRequest;
import org.pilegate.api.terminal.ResumeRequest;
import org.pilegate.api.terminal.StatusUpdate;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalMessage;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire format of the charging dialogue: one JSON object per message, its kind in {@code "type"}
 * (e.g. {@code {"type":"stop_request","session":"…"}}), identifiers as plain strings, times as ISO-8601,
 * money as {@code {"minorUnits":1234,"currency":"EUR"}}. Decoding validates completely and turns every
 * defect into a {@link TerminalMessageException} whose reply names the field at fault.
 */
final class TerminalJson {

    static final int MAX_MESSAGE_CHARS = 16 * 1024;
    private static final int MAX_NESTING = 16;

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = ChargingRequest.class, name = ChargingRequest.TYPE),
            @JsonSubTypes.Type(value = AssociationRequest.class, name = AssociationRequest.TYPE),
            @JsonSubTypes.Type(value = StopRequest.class, name = StopRequest.TYPE),
            @JsonSubTypes.Type(value = PaymentConfirmation.class, name = PaymentConfirmation.TYPE),
            @JsonSubTypes.Type(value = ResumeRequest.class, name = ResumeRequest.TYPE),
            @JsonSubTypes.Type(value = PromptRequest.class, name = PromptRequest.TYPE),
            @JsonSubTypes.Type(value = ChargingPrompt.class, name = ChargingPrompt.TYPE),
            @JsonSubTypes.Type(value = AssociationPrompt.class, name = AssociationPrompt.TYPE),
            @JsonSubTypes.Type(value = StatusUpdate.class, name = StatusUpdate.TYPE),
            @JsonSubTypes.Type(value = ChargingPromise.class, name = ChargingPromise.TYPE),
            @JsonSubTypes.Type(value = FeeNotice.class, name = FeeNotice.TYPE),
            @JsonSubTypes.Type(value = ErrorReply.class, name = ErrorReply.TYPE)})
    private abstract static class TypedMessage {
    }

    private final ObjectMapper mapper;

    TerminalJson() {
        SimpleModule identifiers = new SimpleModule("pilegate-identifiers");
        asString(identifiers, PileId.class, PileId::value, PileId::new);
        asString(identifiers, VehicleId.class, VehicleId::value, VehicleId::new);
        asString(identifiers, AccountId.class, AccountId::value, AccountId::new);
        asString(identifiers, SessionId.class, SessionId::value, SessionId::new);
        asString(identifiers, TerminalId.class, TerminalId::value, TerminalId::new);
        // not an identifier, but as plain a string on the wire
        asString(identifiers, ErrorCode.class, ErrorCode::code, code -> ErrorCode.ofCode(code)
                .orElseThrow(() -> new IllegalArgumentException("unknown error code \"" + code + "\"")));
        mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(MAX_MESSAGE_CHARS)
                .build());
        // Records are mapped by their components only: helper methods such as Money.isPositive() stay off the wire.
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.addMixIn(TerminalMessage.class, TypedMessage.class)
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(identifiers)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Decodes one message of the given kind, e.g. {@code TerminalInbound.class}. */
    <T extends TerminalMessage> T decode(String json, Class<T> kind) {
        if (json == null || json.isBlank()) {
            throw new TerminalMessageException(ErrorCode.INVALID_MESSAGE, "the message is empty");
        }
        if (json.length() > MAX_MESSAGE_CHARS) {
            throw new TerminalMessageException(ErrorCode.MESSAGE_TOO_LARGE,
                    "the message has " + json.length() + " characters, at most " + MAX_MESSAGE_CHARS + " are accepted");
        }
        T message;
        try {
            message = mapper.readValue(json, kind);
        } catch (JsonParseException e) {
            throw new TerminalMessageException(ErrorCode.MALFORMED_JSON, "not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage());
        } catch (InvalidTypeIdException e) {
            String typeId = e.getTypeId();
            throw new TerminalMessageException(ErrorCode.UNKNOWN_TYPE, (typeId == null
                    ? "the message has no \"type\""
                    : "unknown message type \"" + typeId + "\"")
                    + "; expected one of " + typeNames(kind));
        } catch (UnrecognizedPropertyException e) {
            throw new TerminalMessageException(ErrorCode.INVALID_MESSAGE,
                    "unknown field \"" + path(e) + "\"");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String where = path(e);
            throw new TerminalMessageException(ErrorCode.INVALID_MESSAGE,
                    (where.isEmpty() ? "" : where + ": ") + describe(cause));
        } catch (JsonMappingException e) {
            String where = path(e);
            throw new TerminalMessageException(ErrorCode.INVALID_MESSAGE,
                    (where.isEmpty() ? "" : where + ": ") + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new TerminalMessageException(ErrorCode.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (message == null) {
            throw new TerminalMessageException(ErrorCode.INVALID_MESSAGE, "the message is JSON null");
        }
        return message;
    }

    String encode(TerminalMessage message) {
        try {
            return mapper.writerFor(TerminalMessage.class).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + message.type(), e);
        }
    }

    private static String describe(Throwable cause) {
        // requireNonNull in the records' constructors names the missing component
        if (cause instanceof NullPointerException) {
            return cause.getMessage() + " is required";
        }
        return cause.getMessage();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String typeNames(Class<?> kind) {
        return Arrays.stream(TypedMessage.class.getAnnotation(JsonSubTypes.class).value())
                .filter(type -> kind.isAssignableFrom(type.value()))
                .map(JsonSubTypes.Type::name)
                .collect(Collectors.joining(", "));
    }

    private static <T> void asString(SimpleModule module, Class<T> type, Function<T, String> toText,
            Function<String, T> fromText) {
        module.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(toText.apply(value));
            }
        });
        module.addDeserializer(type, new FromStringDeserializer<>(type) {
            @Override
            protected T _deserialize(String value, DeserializationContext context) throws JsonMappingException {
                try {
                    return fromText.apply(value);
                } catch (IllegalArgumentException invalid) {
                    // the identifier's own rule, without Jackson's wording around it
                    throw JsonMappingException.from(context, invalid.getMessage(), invalid);
                }
            }
        });
    }

    /** Names of the message types, for documentation and tests. */
    static List<String> allTypeNames() {
        return Arrays.stream(TypedMessage.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name)
                .toList();
    }
}
