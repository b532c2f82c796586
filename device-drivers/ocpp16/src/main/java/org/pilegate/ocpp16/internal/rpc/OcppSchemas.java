package org.pilegate.ocpp16.internal.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The OCPP 1.6 JSON schemas of every action, requests and responses, shipped as resources (see their NOTICE). A
 * payload that breaks its schema is refused with the CALLERROR code for the kind of breach and the place it is at.
 */
public final class OcppSchemas {

    /** Every action of OCPP-J 1.6 (edition 2), both directions. */
    public static final Set<String> ACTIONS = Set.of("Authorize", "BootNotification", "CancelReservation",
            "ChangeAvailability", "ChangeConfiguration", "ClearCache", "ClearChargingProfile", "DataTransfer",
            "DiagnosticsStatusNotification", "FirmwareStatusNotification", "GetCompositeSchedule", "GetConfiguration",
            "GetDiagnostics", "GetLocalListVersion", "Heartbeat", "MeterValues", "RemoteStartTransaction",
            "RemoteStopTransaction", "ReserveNow", "Reset", "SendLocalList", "SetChargingProfile", "StartTransaction",
            "StatusNotification", "StopTransaction", "TriggerMessage", "UnlockConnector", "UpdateFirmware");
    private static final String FOLDER = "/ocpp16/schemas/";

    private final Map<String, JsonSchema> schemas = new HashMap<>();

    public OcppSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (String action : ACTIONS) {
            schemas.put(action, load(factory, config, action));
            schemas.put(action + "Response", load(factory, config, action + "Response"));
        }
    }

    /** The breach of the request schema of {@code action}, if any; NotImplemented for an action OCPP 1.6 lacks. */
    public Optional<RpcException> checkRequest(String action, JsonNode payload) {
        if (!ACTIONS.contains(action)) {
            return Optional.of(new RpcException(RpcErrorCode.NotImplemented, "OCPP 1.6 has no action '"
                    + abbreviated(action) + "'"));
        }
        return check(schemas.get(action), payload);
    }

    /** The breach of the response schema of {@code action}, if any. */
    public Optional<RpcException> checkResponse(String action, JsonNode payload) {
        return check(schemas.get(action + "Response"), payload);
    }

    private static Optional<RpcException> check(JsonSchema schema, JsonNode payload) {
        Set<ValidationMessage> breaches = schema.validate(payload);
        // the first by place, so the answer is the same however the validator orders them
        return breaches.stream()
                .min(Comparator.comparing((ValidationMessage m) -> String.valueOf(m.getInstanceLocation()))
                        .thenComparing(ValidationMessage::getMessage))
                .map(breach -> new RpcException(codeFor(breach.getType()), described(breach)
                        + (breaches.size() > 1 ? " (and " + (breaches.size() - 1) + " more)" : "")));
    }

    /** The breach with its place as a JSON pointer, the payload itself named so. */
    private static String described(ValidationMessage breach) {
        String message = breach.getMessage();
        return message.startsWith(":") ? "payload" + message : message;
    }

    /** The CALLERROR code for a breach of a schema keyword. */
    static RpcErrorCode codeFor(String keyword) {
        return switch (keyword) {
            case "type", "format" -> RpcErrorCode.TypeConstraintViolation;
            case "required", "minItems", "maxItems" -> RpcErrorCode.OccurenceConstraintViolation;
            case "enum", "maxLength", "minLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
                    "multipleOf", "pattern" -> RpcErrorCode.PropertyConstraintViolation;
            default -> RpcErrorCode.FormationViolation;
        };
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, String name) {
        try (InputStream in = OcppSchemas.class.getResourceAsStream(FOLDER + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks the schema " + FOLDER + name + ".json");
            }
            return factory.getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + name, e);
        }
    }
}
