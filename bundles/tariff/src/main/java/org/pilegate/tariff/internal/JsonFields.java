package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.pilegate.tariff.InvalidTariffException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The fields of one JSON object, read with their JSON path so that every refusal says where it is: a wrong type, a
 * missing or unknown field, or a value a record's constructor rejects.
 */
public final class JsonFields {

    /** Numbers are kept exactly as written (0.50 stays 0.50), never through a double. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * The document's top-level object.
     *
     * @param known the fields it may have; empty for any
     */
    public static JsonFields parse(String json, Set<String> known) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson names the source it does not show ("[Source: REDACTED ...; line: 1, ..."): keep the position
            String problem = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
            throw new InvalidTariffException("", "not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + problem);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTariffException("", "must be a JSON object");
        }
        return checked(root, "", known);
    }

    public String text(String field) {
        return optionalText(field).orElseThrow(() -> invalid(field, "required"));
    }

    public Optional<String> optionalText(String field) {
        return value(field).map(value -> {
            if (!value.isTextual()) {
                throw invalid(field, "must be a string");
            }
            return value.textValue();
        });
    }

    /** A required string, parsed; a parser's {@link IllegalArgumentException} names the field. */
    public <T> T required(String field, Function<String, T> parse) {
        return optional(field, parse).orElseThrow(() -> invalid(field, "required"));
    }

    public <T> Optional<T> optional(String field, Function<String, T> parse) {
        return optionalText(field).map(text -> parsed(field, text, parse));
    }

    public BigDecimal decimal(String field) {
        return optionalDecimal(field).orElseThrow(() -> invalid(field, "required"));
    }

    public Optional<BigDecimal> optionalDecimal(String field) {
        return value(field).map(value -> {
            if (!value.isNumber()) {
                throw invalid(field, "must be a number");
            }
            return value.decimalValue();
        });
    }

    public Optional<Integer> optionalInteger(String field) {
        return value(field).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw invalid(field, "must be a whole number");
            }
            return value.intValue();
        });
    }

    /** A required, non-empty array of objects with the {@code known} fields. */
    public List<JsonFields> objects(String field, Set<String> known) {
        JsonNode array = value(field).orElseThrow(() -> invalid(field, "required"));
        if (!array.isArray() || array.isEmpty()) {
            throw invalid(field, "must be a non-empty array of objects");
        }
        List<JsonFields> objects = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String itemPath = at(field) + "[" + i + "]";
            if (!array.get(i).isObject()) {
                throw new InvalidTariffException(itemPath, "must be an object");
            }
            objects.add(checked(array.get(i), itemPath, known));
        }
        return objects;
    }

    /** An optional object with the {@code known} fields; empty {@code known} for any. */
    public Optional<JsonFields> object(String field, Set<String> known) {
        return value(field).map(value -> {
            if (!value.isObject()) {
                throw invalid(field, "must be an object");
            }
            return checked(value, at(field), known);
        });
    }

    /** An optional array of strings, each parsed; empty when the field is absent. */
    public <T> List<T> texts(String field, Function<String, T> parse) {
        Optional<JsonNode> array = value(field);
        if (array.isEmpty()) {
            return List.of();
        }
        if (!array.get().isArray()) {
            throw invalid(field, "must be an array of strings");
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < array.get().size(); i++) {
            JsonNode item = array.get().get(i);
            String itemField = field + "[" + i + "]";
            if (!item.isTextual()) {
                throw invalid(itemField, "must be a string");
            }
            values.add(parsed(itemField, item.textValue(), parse));
        }
        return values;
    }

    /** The object's field names, in document order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Runs a record constructor; its {@link IllegalArgumentException} is reported at this object's path. */
    public <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidTariffException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidTariffException(path, e.getMessage());
        }
    }

    public InvalidTariffException invalid(String field, String problem) {
        return new InvalidTariffException(at(field), problem);
    }

    private static JsonFields checked(JsonNode node, String path, Set<String> known) {
        if (!known.isEmpty()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw new InvalidTariffException(path.isEmpty() ? name : path + "." + name,
                            "unknown field; expected one of " + new TreeSet<>(known));
                }
            }
        }
        return new JsonFields(node, path);
    }

    private <T> T parsed(String field, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "'" + text + "' " + e.getMessage());
        }
    }

    /** The field's value; a JSON null counts as absent, as OCPI allows. */
    private Optional<JsonNode> value(String field) {
        return Optional.ofNullable(node.get(field)).filter(value -> !value.isNull());
    }

    private String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
