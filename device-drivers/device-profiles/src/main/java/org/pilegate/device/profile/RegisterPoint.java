package org.pilegate.device.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.RegisterType;
import org.pilegate.modbus.ValueDecoder;
import org.pilegate.modbus.ValueEncoder;
import org.pilegate.modbus.WordOrder;

/**
 * Where a device holds one value and how to read it: {@code value in the quantity's unit = raw × scale}, rounded
 * half-even to a whole number. Scale is exact decimal (e.g. {@code 1000} for a kWh register read as Wh,
 * {@code 0.1} for a register in tenths of a watt).
 *
 * @param function register table: holding or input registers
 * @param address zero-based address of the first register
 * @param type how the registers encode the raw value
 * @param wordOrder order of words and bytes for multi-register types
 * @param scale factor from raw value to the quantity's unit, not zero
 */
public record RegisterPoint(FunctionCode function, int address, RegisterType type, WordOrder wordOrder,
        BigDecimal scale) {

    public RegisterPoint {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(wordOrder, "wordOrder");
        Objects.requireNonNull(scale, "scale");
        if (function.readsBits()) {
            throw new IllegalArgumentException("function must read registers, not " + function);
        }
        if (address < 0 || address + type.words() - 1 > 0xFFFF) {
            throw new IllegalArgumentException("address " + address + " with " + type.words()
                    + " registers is outside 0..65535");
        }
        if (scale.signum() == 0) {
            throw new IllegalArgumentException("scale must not be zero");
        }
    }

    /** The request reading exactly this point from a device. */
    public ReadRequest read(int unitId) {
        return new ReadRequest(unitId, function, address, type.words());
    }

    /**
     * The value in the quantity's unit from the registers at {@code offset} of {@code block}.
     *
     * @throws IllegalArgumentException if the device sent NaN or infinity, or the value exceeds a long
     */
    public long toUnits(RegisterBlock block, int offset) {
        Number raw = ValueDecoder.decode(block, offset, type, wordOrder);
        BigDecimal exact;
        if (raw instanceof Float || raw instanceof Double) {
            double value = raw.doubleValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("register " + address + " holds " + value);
            }
            // the shortest decimal that reads back as the device's float, not its binary expansion
            exact = new BigDecimal(raw instanceof Float f ? Float.toString(f) : Double.toString(value));
        } else {
            exact = BigDecimal.valueOf(raw.longValue());
        }
        try {
            return exact.multiply(scale).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("register " + address + " holds " + raw + ", too large once scaled", e);
        }
    }

    /** The registers a device holds for {@code units}: the inverse of {@link #toUnits}, for serving the point. */
    public RegisterBlock fromUnits(long units) {
        BigDecimal raw = BigDecimal.valueOf(units).divide(scale, 12, RoundingMode.HALF_EVEN);
        Number value = switch (type) {
            case FLOAT32, FLOAT64 -> raw.doubleValue();
            default -> raw.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        };
        return ValueEncoder.encode(value, type, wordOrder);
    }
}
