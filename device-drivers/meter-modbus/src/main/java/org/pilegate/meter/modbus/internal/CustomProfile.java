package org.pilegate.meter.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.RegisterType;
import org.pilegate.modbus.WordOrder;

/**
 * A register map written into the meter's configuration ({@code profile=custom}), for a one-off meter that has no
 * profile file: per quantity the keys {@code <quantity>.address}, {@code .type}, {@code .function},
 * {@code .wordOrder} and {@code .scale}, with the meaning of a {@link RegisterPoint}.
 */
final class CustomProfile {

    static final String ID = "custom";

    private static final Map<String, MeterQuantity> QUANTITIES = Map.of(
            "energy", MeterQuantity.ENERGY_IMPORT_WH,
            "power", MeterQuantity.ACTIVE_POWER_W,
            "voltageL1", MeterQuantity.VOLTAGE_L1_MV,
            "voltageL2", MeterQuantity.VOLTAGE_L2_MV,
            "voltageL3", MeterQuantity.VOLTAGE_L3_MV,
            "currentL1", MeterQuantity.CURRENT_L1_MA,
            "currentL2", MeterQuantity.CURRENT_L2_MA,
            "currentL3", MeterQuantity.CURRENT_L3_MA);
    private static final Map<String, FunctionCode> FUNCTIONS = Map.of(
            "holding", FunctionCode.READ_HOLDING_REGISTERS,
            "input", FunctionCode.READ_INPUT_REGISTERS);
    private static final List<String> FIELDS = List.of("address", "type", "function", "wordOrder", "scale");
    private static final Set<MeterQuantity> PHASES = Set.of(MeterQuantity.VOLTAGE_L1_MV,
            MeterQuantity.VOLTAGE_L2_MV, MeterQuantity.VOLTAGE_L3_MV, MeterQuantity.CURRENT_L1_MA,
            MeterQuantity.CURRENT_L2_MA, MeterQuantity.CURRENT_L3_MA);

    private CustomProfile() {
    }

    /** The configuration keys that belong to a custom register map, sorted. */
    static List<String> keys(Map<String, ?> properties) {
        return properties.keySet().stream()
                .filter(key -> QUANTITIES.containsKey(key.substring(0, Math.max(key.indexOf('.'), 0))))
                .sorted()
                .toList();
    }

    /** @throws InvalidConfigurationException naming the key at fault */
    static MeterProfile of(String pid, Map<String, ?> properties) {
        for (String key : keys(properties)) {
            if (!FIELDS.contains(key.substring(key.indexOf('.') + 1))) {
                throw new InvalidConfigurationException(pid, key, "unknown key; a quantity has the keys " + FIELDS);
            }
        }
        Map<MeterQuantity, RegisterPoint> points = new EnumMap<>(MeterQuantity.class);
        QUANTITIES.forEach((name, quantity) -> point(pid, name, properties)
                .ifPresent(point -> points.put(quantity, point)));
        for (String required : List.of("energy", "power")) {
            if (!points.containsKey(QUANTITIES.get(required))) {
                throw new InvalidConfigurationException(pid, required + ".address",
                        "required with profile=" + ID);
            }
        }
        Set<MeterQuantity> phases = points.keySet().stream().filter(PHASES::contains).collect(Collectors.toSet());
        if (!phases.isEmpty() && phases.size() < PHASES.size()) {
            // phase values are published only as a whole; a partial map would be silently ignored
            String missing = QUANTITIES.entrySet().stream()
                    .filter(entry -> PHASES.contains(entry.getValue()) && !phases.contains(entry.getValue()))
                    .map(entry -> entry.getKey() + ".address")
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new InvalidConfigurationException(pid, missing, "phase values need all six voltages and currents");
        }
        return new MeterProfile(ID, "register map from configuration " + pid, "configuration " + pid, points);
    }

    private static Optional<RegisterPoint> point(String pid, String quantity, Map<String, ?> properties) {
        Optional<String> address = value(properties, quantity + ".address");
        if (address.isEmpty()) {
            List<String> orphans = keys(properties).stream().filter(key -> key.startsWith(quantity + ".")).toList();
            if (!orphans.isEmpty()) {
                throw new InvalidConfigurationException(pid, quantity + ".address", "missing, but " + orphans
                        + " are set");
            }
            return Optional.empty();
        }
        String type = required(pid, properties, quantity + ".type");
        FunctionCode function = parse(pid, quantity + ".function",
                value(properties, quantity + ".function").orElse("holding"),
                name -> Optional.ofNullable(FUNCTIONS.get(name.toLowerCase(Locale.ROOT))).orElseThrow(),
                "holding or input");
        int registerAddress = parse(pid, quantity + ".address", address.get(), Integer::decode,
                "an address such as 72 or 0x48");
        RegisterType registerType = parse(pid, quantity + ".type", type, name -> RegisterType.valueOf(upper(name)),
                "one of " + Arrays.toString(RegisterType.values()));
        WordOrder wordOrder = parse(pid, quantity + ".wordOrder",
                value(properties, quantity + ".wordOrder").orElse("ABCD"), name -> WordOrder.valueOf(upper(name)),
                "one of " + Arrays.toString(WordOrder.values()));
        BigDecimal scale = parse(pid, quantity + ".scale", value(properties, quantity + ".scale").orElse("1"),
                CustomProfile::nonZero, "a decimal number other than 0, such as 1000 or 0.1");
        try {
            return Optional.of(new RegisterPoint(function, registerAddress, registerType, wordOrder, scale));
        } catch (IllegalArgumentException e) {
            // what is left to refuse is an address without room for the type's registers
            throw new InvalidConfigurationException(pid, quantity + ".address", e.getMessage());
        }
    }

    private static BigDecimal nonZero(String text) {
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0) {
            throw new IllegalArgumentException("zero");
        }
        return value;
    }

    private static <T> T parse(String pid, String key, String text, Function<String, T> parser, String expected) {
        try {
            return parser.apply(text.strip());
        } catch (RuntimeException e) {
            throw new InvalidConfigurationException(pid, key, "'" + text + "' is not " + expected);
        }
    }

    private static String required(String pid, Map<String, ?> properties, String key) {
        return value(properties, key).orElseThrow(
                () -> new InvalidConfigurationException(pid, key, "required with profile=" + ID));
    }

    private static Optional<String> value(Map<String, ?> properties, String key) {
        return Optional.ofNullable(properties.get(key)).map(Object::toString).filter(text -> !text.isBlank());
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
