package org.pilegate.modbus.internal;

import java.util.function.Supplier;

import org.pilegate.modbus.ModbusProtocolException;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;

/**
 * One Modbus exchange in j2mod terms.
 *
 * @param unitId the device addressed, for keeping silent devices from holding up the others
 * @param subject the request as the caller gave it; its text only when a log or an error needs it, since building
 *            it on every poll of thousands of devices showed in the allocation profile
 * @param request builds the j2mod request; fresh per call because j2mod messages are mutable
 * @param decoder turns the validated answer into the caller's result
 */
record Operation<T>(int unitId, Object subject, Supplier<ModbusRequest> request, Decoder<T> decoder) {

    /** What the exchange is, for logs and errors. */
    String description() {
        return String.valueOf(subject);
    }

    @FunctionalInterface
    interface Decoder<T> {
        T decode(ModbusResponse response) throws ModbusProtocolException;
    }
}
