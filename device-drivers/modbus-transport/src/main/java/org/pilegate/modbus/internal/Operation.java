package org.pilegate.modbus.internal;

import java.util.function.Supplier;

import org.pilegate.modbus.ModbusProtocolException;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;

/**
 * One Modbus exchange in j2mod terms.
 *
 * @param unitId the device addressed, for keeping silent devices from holding up the others
 * @param description the blueprint, for logs
 * @param request builds the j2mod request; fresh per call because j2mod messages are mutable
 * @param decoder turns the validated answer into the caller's result
 */
record Operation<T>(int unitId, String description, Supplier<ModbusRequest> request, Decoder<T> decoder) {

    @FunctionalInterface
    interface Decoder<T> {
        T decode(ModbusResponse response) throws ModbusProtocolException;
    }
}
