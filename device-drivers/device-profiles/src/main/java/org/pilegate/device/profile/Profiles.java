package org.pilegate.device.profile;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/** Reads profiles from their JSON form; every error names the file and the field at fault. */
public final class Profiles {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private Profiles() {
    }

    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lower-case letters, digits and '-' (1..64): '" + id + "'");
        }
    }

    /** @throws InvalidProfileException naming {@code origin} and the field at fault */
    public static MeterProfile meter(String json, String origin) {
        return parse(json, origin, MeterProfile.class);
    }

    /** @throws InvalidProfileException naming {@code origin} and the field at fault */
    public static RelayProfile relay(String json, String origin) {
        return parse(json, origin, RelayProfile.class);
    }

    private static <T> T parse(String json, String origin, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidProfileException(origin, where(e) + cause.getMessage());
        } catch (JsonMappingException e) {
            throw new InvalidProfileException(origin, where(e) + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidProfileException(origin, "line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : path + ": ";
    }
}
