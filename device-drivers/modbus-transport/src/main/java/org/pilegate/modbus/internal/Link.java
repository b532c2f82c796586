package org.pilegate.modbus.internal;

import java.util.concurrent.TimeUnit;

import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusProtocolException;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.SerialEndpoint;
import org.pilegate.modbus.TcpEndpoint;

import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;

/**
 * The j2mod connection of one endpoint, whose calls block; {@link BlockingLink} runs them on the IO pool. Used by
 * one thread at a time (the endpoint's queue), except {@link #close()}, which may be called from elsewhere to
 * unblock a pending read.
 */
abstract class Link {

    static Link forEndpoint(ModbusEndpoint endpoint) {
        if (endpoint instanceof TcpEndpoint tcp) {
            return new TcpLink(tcp);
        }
        return new SerialLink((SerialEndpoint) endpoint);
    }

    /** Opens the connection. */
    abstract void open(int timeoutMillis) throws ModbusConnectionException;

    abstract boolean isOpen();

    /** Closes the connection if open. */
    abstract void close();

    /**
     * A transaction bound to the open connection.
     *
     * @throws ModbusConnectionException if the connection was closed meanwhile (shutdown)
     */
    abstract ModbusTransaction transaction(int timeoutMillis) throws ModbusConnectionException;

    static ModbusConnectionException closedWhileInUse(Object endpoint) {
        return new ModbusConnectionException("connection to " + endpoint + " was closed", null);
    }

    /** One attempt of {@code operation} on the open connection; retrying is the caller's business. */
    final <T> T execute(Operation<T> operation, int timeoutMillis) throws ModbusException {
        ModbusRequest request = J2mod.request(operation);
        ModbusTransaction transaction = transaction(timeoutMillis);
        // j2mod reads 0 as "its default of 5"; EndpointChannel owns retries, backoff and reconnects
        transaction.setRetries(1);
        transaction.setCheckingValidity(true);
        transaction.setRequest(request);
        // j2mod moves the request to the next transaction id after executing, so remember what was sent
        int sentTransactionId = request.getTransactionID();
        long started = System.nanoTime();
        try {
            transaction.execute();
        } catch (com.ghgande.j2mod.modbus.ModbusSlaveException e) {
            J2mod.checkEcho(request, sentTransactionId, transaction.getResponse());
            throw new ModbusSlaveException(e.getType());
        } catch (com.ghgande.j2mod.modbus.ModbusException e) {
            long elapsed = System.nanoTime() - started;
            throw J2mod.translate(e, elapsed >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        } catch (RuntimeException e) {
            // j2mod turns some malformed frames into unchecked exceptions instead of ModbusIOException
            throw new ModbusProtocolException("malformed response to " + operation.description() + ": " + e, e);
        }
        ModbusResponse response = transaction.getResponse();
        J2mod.checkEcho(request, sentTransactionId, response);
        return J2mod.decode(operation, response);
    }
}
