package org.pilegate.modbus.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusIOException;
import org.pilegate.modbus.ModbusProtocolException;
import org.pilegate.modbus.ModbusTimeoutException;
import org.pilegate.modbus.TcpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A Modbus TCP connection on Netty's event loops: a request is written, its answer or its timeout completes a stage
 * on the event loop, and no thread waits in between. One exchange at a time, as the endpoint's queue sends them.
 */
final class NettyLink implements AsyncLink {

    private static final Logger LOG = LoggerFactory.getLogger(NettyLink.class);

    /** A request on the wire and whoever waits for its answer. */
    private static final class Exchange<T> {
        final Channel channel;
        final Operation<T> operation;
        final int transactionId;
        final CompletableFuture<T> result = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        Exchange(Channel channel, Operation<T> operation, int transactionId) {
            this.channel = channel;
            this.operation = operation;
            this.transactionId = transactionId;
        }
    }

    private final TcpEndpoint endpoint;
    private final EventLoopGroup network;
    private final Executor io;
    private final AtomicReference<Exchange<?>> pending = new AtomicReference<>();
    private volatile Channel channel;
    // touched only by the endpoint's operation under way
    private int lastTransactionId;

    NettyLink(TcpEndpoint endpoint, EventLoopGroup network, Executor io) {
        this.endpoint = endpoint;
        this.network = network;
        this.io = io;
    }

    @Override
    public CompletionStage<Void> open(int timeoutMillis) {
        close();
        CompletableFuture<Void> opened = new CompletableFuture<>();
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(endpoint.host());
        if (literal != null) {
            connect(new InetSocketAddress(literal, endpoint.port()), timeoutMillis, opened);
            return opened;
        }
        try {
            // a name is resolved on every open, so a device that moved to a new address is found after a reconnect;
            // on the IO pool, because the JDK's lookup blocks
            io.execute(() -> {
                try {
                    connect(new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port()),
                            timeoutMillis, opened);
                } catch (UnknownHostException e) {
                    opened.completeExceptionally(cannotConnect(e));
                }
            });
        } catch (RejectedExecutionException e) {
            opened.completeExceptionally(cannotConnect(e));
        }
        return opened;
    }

    private void connect(InetSocketAddress address, int timeoutMillis, CompletableFuture<Void> opened) {
        if (network.isShuttingDown()) {
            opened.completeExceptionally(cannotConnect(new RejectedExecutionException("the event loop is stopped")));
            return;
        }
        new Bootstrap().group(network)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline().addLast(new LengthFieldBasedFrameDecoder(Mbap.MAX_FRAME_BYTES,
                                Mbap.LENGTH_OFFSET, 2), new Answers());
                    }
                })
                .connect(address)
                .addListener((ChannelFutureListener) connected -> {
                    if (connected.isSuccess()) {
                        channel = connected.channel();
                        opened.complete(null);
                    } else {
                        opened.completeExceptionally(cannotConnect(connected.cause()));
                    }
                });
    }

    @Override
    public boolean isOpen() {
        Channel current = channel;
        return current != null && current.isActive();
    }

    @Override
    public void close() {
        Channel current = channel;
        channel = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public <T> CompletionStage<T> execute(Operation<T> operation, int timeoutMillis) {
        Channel open = channel;
        if (open == null) {
            return CompletableFuture.failedFuture(Link.closedWhileInUse(endpoint));
        }
        lastTransactionId = (lastTransactionId + 1) & 0xFFFF;
        Exchange<T> exchange = new Exchange<>(open, operation, lastTransactionId);
        if (!pending.compareAndSet(null, exchange)) {
            throw new IllegalStateException("a second exchange while one is under way on " + endpoint);
        }
        ByteBuf frame = open.alloc().buffer(Mbap.MAX_FRAME_BYTES);
        Mbap.writeRequest(frame, exchange.transactionId, operation);
        exchange.timeout = open.eventLoop().schedule(() -> finish(exchange, null, new ModbusTimeoutException(
                "no answer to " + operation.description() + " from " + endpoint + " within " + timeoutMillis + " ms",
                null)), timeoutMillis, TimeUnit.MILLISECONDS);
        open.writeAndFlush(frame).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                finish(exchange, null, new ModbusIOException("cannot send to " + endpoint + ": " + written.cause(),
                        written.cause()));
            }
        });
        return exchange.result;
    }

    /** Ends {@code exchange} once: the first of answer, timeout and failure wins. */
    private <T> void finish(Exchange<T> exchange, T value, ModbusException error) {
        if (!pending.compareAndSet(exchange, null)) {
            return;
        }
        ScheduledFuture<?> timeout = exchange.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (error == null) {
            exchange.result.complete(value);
        } else {
            exchange.result.completeExceptionally(error);
        }
    }

    private void failOn(Channel failed, ModbusException error) {
        Exchange<?> exchange = pending.get();
        if (exchange != null && exchange.channel == failed) {
            finish(exchange, null, error);
        }
    }

    private ModbusConnectionException cannotConnect(Throwable cause) {
        return new ModbusConnectionException("cannot connect to " + endpoint + ": " + cause.getMessage(), cause);
    }

    /** The end of one connection's pipeline: whole frames, as the length decoder cut them. */
    private final class Answers extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf frame = (ByteBuf) message;
            try {
                Exchange<?> exchange = pending.get();
                if (exchange == null || exchange.channel != context.channel()) {
                    // the queue closes a connection after every failure, so only a device answering twice gets here
                    LOG.debug("Dropping an answer from {} that no request waits for", endpoint);
                    return;
                }
                answer(exchange, frame);
            } finally {
                frame.release();
            }
        }

        private <T> void answer(Exchange<T> exchange, ByteBuf frame) {
            try {
                finish(exchange, Mbap.readAnswer(frame, exchange.transactionId, exchange.operation), null);
            } catch (ModbusException e) {
                finish(exchange, null, e);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            failOn(context.channel(), new ModbusIOException("connection to " + endpoint + " closed", null));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            failOn(context.channel(), cause instanceof DecoderException
                    ? new ModbusProtocolException("malformed frame from " + endpoint + ": " + cause.getMessage(),
                            cause)
                    : new ModbusIOException("connection to " + endpoint + " failed: " + cause, cause));
            context.close();
        }
    }
}
