package org.pilegate.device.profile;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;

/**
 * Registers holding the identifier of the plugged-in vehicle (an RFID UID or an EVCCID), two bytes per register,
 * high byte first. All-zero registers mean no identifier. ASCII identifiers are left-aligned and padded with NUL or
 * space; hex identifiers are right-aligned and padded with leading zero bytes.
 *
 * @param function register table
 * @param address first register
 * @param registers how many registers the identifier spans
 * @param encoding ASCII text, or raw bytes shown as upper-case hex (RFID UIDs)
 */
public record VehicleIdBlock(FunctionCode function, int address, int registers, Encoding encoding) {

    public enum Encoding {
        ASCII,
        HEX
    }

    public VehicleIdBlock {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(encoding, "encoding");
        if (function.readsBits()) {
            throw new IllegalArgumentException("function must read registers, not " + function);
        }
        if (registers < 1 || registers > 32) {
            throw new IllegalArgumentException("registers must be 1..32: " + registers);
        }
        if (address < 0 || address + registers - 1 > 0xFFFF) {
            throw new IllegalArgumentException("address " + address + " with " + registers
                    + " registers is outside 0..65535");
        }
    }

    public ReadRequest read(int unitId) {
        return new ReadRequest(unitId, function, address, registers);
    }

    /** @throws IllegalArgumentException if the bytes are no valid identifier */
    public Optional<VehicleId> decode(RegisterBlock block, int offset) {
        byte[] bytes = new byte[registers * 2];
        for (int i = 0; i < registers; i++) {
            int word = block.get(offset + i);
            bytes[2 * i] = (byte) (word >> 8);
            bytes[2 * i + 1] = (byte) word;
        }
        int length = bytes.length;
        if (encoding == Encoding.ASCII) {
            while (length > 0 && (bytes[length - 1] == 0 || bytes[length - 1] == ' ')) {
                length--;
            }
        }
        boolean allZero = true;
        for (byte b : bytes) {
            allZero &= b == 0;
        }
        if (allZero || length == 0) {
            return Optional.empty();
        }
        int start = 0;
        while (encoding == Encoding.HEX && bytes[start] == 0) {
            start++;
        }
        String text = encoding == Encoding.ASCII
                ? new String(bytes, 0, length, StandardCharsets.US_ASCII)
                : HexFormat.of().withUpperCase().formatHex(bytes, start, bytes.length);
        return Optional.of(new VehicleId(text));
    }

    /** The registers holding {@code vehicle}, or all zero for none; for devices serving the block. */
    public RegisterBlock encode(Optional<VehicleId> vehicle) {
        byte[] bytes = new byte[registers * 2];
        if (vehicle.isPresent()) {
            byte[] id = encoding == Encoding.ASCII
                    ? vehicle.get().value().getBytes(StandardCharsets.US_ASCII)
                    : HexFormat.of().parseHex(vehicle.get().value());
            if (id.length > bytes.length) {
                throw new IllegalArgumentException("vehicle id " + vehicle.get() + " needs " + id.length
                        + " bytes, the block holds " + bytes.length);
            }
            int start = encoding == Encoding.HEX ? bytes.length - id.length : 0;
            System.arraycopy(id, 0, bytes, start, id.length);
        }
        int[] words = new int[registers];
        for (int i = 0; i < registers; i++) {
            words[i] = (bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF;
        }
        return RegisterBlock.of(words);
    }
}
