package org.pilegate.modbus.internal;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;

import io.netty.channel.EventLoopGroup;

/**
 * The connection of one endpoint as its queue uses it: one step at a time, each answered by a stage, so that an
 * endpoint waiting for its device holds no thread unless the library underneath blocks.
 */
interface AsyncLink {

    /**
     * @param io where blocking steps run: j2mod's IO and host name lookups
     * @param network the event loops of the links that need no thread while they wait
     */
    static AsyncLink forEndpoint(ModbusEndpoint endpoint, TcpClient tcpClient, Executor io, EventLoopGroup network) {
        if (endpoint instanceof TcpEndpoint tcp && tcpClient == TcpClient.NETTY) {
            return new NettyLink(tcp, network, io);
        }
        return new BlockingLink(Link.forEndpoint(endpoint), io);
    }

    /** Opens the connection; fails with a {@link org.pilegate.modbus.ModbusConnectionException}. */
    CompletionStage<Void> open(int timeoutMillis);

    boolean isOpen();

    /** Closes the connection if open; callable from any thread, and fails an exchange under way. */
    void close();

    /**
     * One attempt of {@code operation} on the open connection, failing with a
     * {@link org.pilegate.modbus.ModbusException}; retrying is the caller's business.
     */
    <T> CompletionStage<T> execute(Operation<T> operation, int timeoutMillis);
}
