package org.pilegate.modbus.internal;

import java.io.IOException;

import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.SerialEndpoint;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.net.AbstractSerialConnection;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;

final class SerialLink extends Link {

    private final SerialEndpoint endpoint;
    private volatile SerialConnection connection;

    SerialLink(SerialEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    void open(int timeoutMillis) throws ModbusConnectionException {
        close();
        SerialConnection fresh = new SerialConnection(parameters());
        fresh.setTimeout(timeoutMillis);
        try {
            fresh.open();
        } catch (IOException e) {
            fresh.close();
            throw new ModbusConnectionException("cannot open " + endpoint + ": " + e.getMessage(), e);
        }
        connection = fresh;
    }

    @Override
    boolean isOpen() {
        SerialConnection current = connection;
        return current != null && current.isOpen();
    }

    @Override
    void close() {
        SerialConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    ModbusTransaction transaction(int timeoutMillis) throws ModbusConnectionException {
        SerialConnection current = connection;
        if (current == null) {
            throw closedWhileInUse(endpoint);
        }
        current.setTimeout(timeoutMillis);
        ModbusSerialTransaction transaction = new ModbusSerialTransaction(current);
        // EndpointChannel enforces the quiet time between transactions for every kind of endpoint
        transaction.setTransDelayMS(0);
        return transaction;
    }

    private SerialParameters parameters() {
        SerialParameters parameters = new SerialParameters(endpoint.port(), endpoint.baud(),
                AbstractSerialConnection.FLOW_CONTROL_DISABLED, AbstractSerialConnection.FLOW_CONTROL_DISABLED,
                endpoint.dataBits(),
                endpoint.stopBits() == 2 ? AbstractSerialConnection.TWO_STOP_BITS
                        : AbstractSerialConnection.ONE_STOP_BIT,
                parity(endpoint.parity()), false);
        parameters.setEncoding(endpoint.encoding() == SerialEndpoint.Encoding.RTU ? Modbus.SERIAL_ENCODING_RTU
                : Modbus.SERIAL_ENCODING_ASCII);
        return parameters;
    }

    private static int parity(SerialEndpoint.Parity parity) {
        return switch (parity) {
            case NONE -> AbstractSerialConnection.NO_PARITY;
            case ODD -> AbstractSerialConnection.ODD_PARITY;
            case EVEN -> AbstractSerialConnection.EVEN_PARITY;
            case MARK -> AbstractSerialConnection.MARK_PARITY;
            case SPACE -> AbstractSerialConnection.SPACE_PARITY;
        };
    }
}
