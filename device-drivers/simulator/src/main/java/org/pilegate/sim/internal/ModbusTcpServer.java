package org.pilegate.sim.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.pilegate.sim.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP server on java.nio: one selector thread accepts, reads, answers and writes for all ports and
 * connections. Answering on that thread is cheap (a few array copies per request) and keeps each connection's
 * answers in request order. Frames may arrive split or several in one read; a client that does not read its
 * answers is not read from until it does. Faults of the addressed device are played out here, at byte level.
 */
final class ModbusTcpServer implements AutoCloseable {

    /**
     * One port and the devices behind it.
     *
     * @param port TCP port, 0 for any free one
     */
    record Listener(int port, UnitTable units) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModbusTcpServer.class);
    private static final int HEADER = 6;
    private static final int MAX_PDU = 253;
    private static final int MAX_ADU = HEADER + 1 + MAX_PDU;
    private static final int BACKLOG = 1024;
    private static final int RANDOM_REPLY_BYTES = 12;

    private final Selector selector;
    private final List<Integer> ports;
    private final Thread loop;
    private final SplittableRandom random = new SplittableRandom();
    private final Chaos chaos;
    private volatile boolean running = true;

    private ModbusTcpServer(Selector selector, List<Integer> ports, Chaos chaos) {
        this.selector = selector;
        this.ports = List.copyOf(ports);
        this.chaos = chaos;
        this.loop = new Thread(this::run, "pilegate-sim-modbus");
        loop.setDaemon(true);
    }

    /** Binds every listener, then serves them until closed; {@code chaos} meets requests that no set fault does. */
    static ModbusTcpServer open(InetAddress host, List<Listener> listeners, Chaos chaos) throws IOException {
        Selector selector = Selector.open();
        List<Integer> ports = new ArrayList<>();
        try {
            for (Listener listener : listeners) {
                ServerSocketChannel channel = ServerSocketChannel.open();
                channel.configureBlocking(false);
                // registered before binding, so that a failed bind is closed with the others
                channel.register(selector, SelectionKey.OP_ACCEPT, listener.units());
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(host, listener.port()), BACKLOG);
                ports.add(((InetSocketAddress) channel.getLocalAddress()).getPort());
            }
        } catch (IOException | RuntimeException e) {
            closeChannels(selector);
            throw e;
        }
        ModbusTcpServer server = new ModbusTcpServer(selector, ports, chaos);
        server.loop.start();
        return server;
    }

    /** The port listener {@code index} is bound to. */
    int port(int index) {
        return ports.get(index);
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select(this::dispatch);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Modbus server stopped", e);
        } finally {
            closeChannels(selector);
        }
    }

    private void dispatch(SelectionKey key) {
        if (key.attachment() instanceof Connection connection) {
            try {
                connection.onReady();
            } catch (IOException e) {
                LOG.debug("Closing connection: {}", e.getMessage());
                connection.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing connection after a failure answering it", e);
                connection.close();
            }
        } else {
            accept(key);
        }
    }

    private void accept(SelectionKey key) {
        try {
            SocketChannel client;
            while ((client = ((ServerSocketChannel) key.channel()).accept()) != null) {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey clientKey = client.register(selector, SelectionKey.OP_READ);
                clientKey.attach(new Connection(client, clientKey, (UnitTable) key.attachment()));
            }
        } catch (IOException e) {
            LOG.warn("Cannot accept a connection: {}", e.getMessage());
        }
    }

    private static <T extends Fault> Optional<T> kind(Optional<Fault> fault, Class<T> kind) {
        return fault.filter(kind::isInstance).map(kind::cast);
    }

    private static void closeChannels(Selector selector) {
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key);
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Cannot close selector: {}", e.getMessage());
        }
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            LOG.debug("Cannot close channel: {}", e.getMessage());
        }
    }

    /** One client. Both buffers stay in write mode between events, holding unanswered and unsent bytes. */
    private final class Connection {

        private final SocketChannel channel;
        private final SelectionKey key;
        private final UnitTable units;
        private final ByteBuffer in = ByteBuffer.allocate(4096);
        private final ByteBuffer out = ByteBuffer.allocate(8192);

        Connection(SocketChannel channel, SelectionKey key, UnitTable units) {
            this.channel = channel;
            this.key = key;
            this.units = units;
        }

        void onReady() throws IOException {
            if (key.isReadable() && channel.read(in) < 0) {
                close();
                return;
            }
            do {
                if (!answerFrames()) {
                    flush();
                    close();
                    return;
                }
            } while (flush() && frameComplete());
            key.interestOps((in.hasRemaining() ? SelectionKey.OP_READ : 0)
                    | (out.position() > 0 ? SelectionKey.OP_WRITE : 0));
        }

        void close() {
            closeQuietly(key);
        }

        /** Answers the complete frames received while there is room for answers; false to close the connection. */
        private boolean answerFrames() {
            int offset = 0;
            boolean open = true;
            while (open && in.position() - offset >= HEADER && out.remaining() >= MAX_ADU) {
                int protocol = in.getShort(offset + 2) & 0xFFFF;
                int length = in.getShort(offset + 4) & 0xFFFF;
                if (protocol != 0 || length < 2 || length > MAX_PDU + 1) {
                    // no way to find the next frame boundary in a stream that is not Modbus TCP
                    LOG.debug("Closing connection after a frame of protocol {} and length {}", protocol, length);
                    return false;
                }
                if (in.position() - offset < HEADER + length) {
                    break;
                }
                open = answer(offset, length);
                offset += HEADER + length;
            }
            in.flip().position(offset);
            in.compact();
            return open;
        }

        private boolean frameComplete() {
            return in.position() >= HEADER && in.position() >= HEADER + (in.getShort(4) & 0xFFFF);
        }

        /** Answers the frame at {@code offset} as its device's fault says; false to close the connection. */
        private boolean answer(int offset, int length) {
            int transaction = in.getShort(offset) & 0xFFFF;
            int unit = in.get(offset + HEADER) & 0xFF;
            ByteBuffer pdu = in.duplicate().limit(offset + HEADER + length).position(offset + HEADER + 1);
            Optional<ModbusDevice> device = units.device(unit);
            Optional<Fault> fault = device.flatMap(ModbusDevice::fault)
                    .or(() -> device.isPresent() ? chaos.draw() : Optional.empty());
            if (kind(fault, Fault.NoReply.class).isPresent()) {
                return true;
            }
            if (kind(fault, Fault.DropConnection.class).isPresent()) {
                return false;
            }
            int start = out.position();
            out.putShort((short) transaction).putShort((short) 0).putShort((short) 0).put((byte) unit);
            int function = pdu.get(pdu.position()) & 0xFF;
            Optional<Fault.ExceptionReply> exception = kind(fault, Fault.ExceptionReply.class);
            if (device.isEmpty()) {
                PduHandler.exception(function, ExceptionCode.GATEWAY_TARGET_FAILED.code(), out);
            } else if (exception.isPresent()) {
                PduHandler.exception(function, exception.get().code(), out);
            } else {
                PduHandler.answer(device.get(), pdu, out);
            }
            out.putShort(start + 4, (short) (out.position() - start - HEADER));
            kind(fault, Fault.Corrupt.class).ifPresent(corrupt -> corrupt(start, transaction, corrupt.corruption()));
            return true;
        }

        private void corrupt(int start, int transaction, Fault.Corruption corruption) {
            switch (corruption) {
                case WRONG_TRANSACTION_ID -> out.putShort(start, (short) (transaction ^ 0x8000));
                case BROKEN_LENGTH -> out.putShort(start + 4, (short) (out.getShort(start + 4) - 1));
                case RANDOM_BYTES -> {
                    out.position(start);
                    for (int i = 0; i < RANDOM_REPLY_BYTES; i++) {
                        out.put((byte) random.nextInt(256));
                    }
                    // noise that happens to start with the right transaction id could pass for an answer
                    if ((out.getShort(start) & 0xFFFF) == transaction) {
                        out.put(start, (byte) ~out.get(start));
                    }
                }
            }
        }

        /** Sends what the socket takes now; true if nothing is left to send. */
        private boolean flush() throws IOException {
            out.flip();
            channel.write(out);
            out.compact();
            return out.position() == 0;
        }
    }
}
