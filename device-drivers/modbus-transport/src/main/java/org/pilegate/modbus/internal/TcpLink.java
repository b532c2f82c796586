package org.pilegate.modbus.internal;

import java.net.InetAddress;

import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.TcpEndpoint;

import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;

final class TcpLink extends Link {

    private final TcpEndpoint endpoint;
    private volatile TCPMasterConnection connection;

    TcpLink(TcpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    void open(int timeoutMillis) throws ModbusConnectionException {
        close();
        try {
            // resolved on every open so a device that moved to a new address is found after a reconnect
            TCPMasterConnection fresh = new TCPMasterConnection(InetAddress.getByName(endpoint.host()));
            fresh.setPort(endpoint.port());
            fresh.setTimeout(timeoutMillis);
            fresh.connect();
            connection = fresh;
        } catch (Exception e) {
            throw new ModbusConnectionException("cannot connect to " + endpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    boolean isOpen() {
        TCPMasterConnection current = connection;
        return current != null && current.isConnected();
    }

    @Override
    void close() {
        TCPMasterConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    ModbusTransaction transaction(int timeoutMillis) throws ModbusConnectionException {
        TCPMasterConnection current = connection;
        if (current == null) {
            throw closedWhileInUse(endpoint);
        }
        current.setTimeout(timeoutMillis);
        ModbusTCPTransaction transaction = new ModbusTCPTransaction(current);
        transaction.setReconnecting(false);
        return transaction;
    }
}
