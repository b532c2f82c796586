package org.pilegate.modbus.internal;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.pilegate.modbus.TcpEndpoint;

/** A TCP server on 127.0.0.1 that reads Modbus TCP frames and misbehaves in a chosen way. */
final class RawServer implements AutoCloseable {

    enum Reply {
        /** Accepts and reads, never answers. */
        SILENT,
        /** Answers every request with 32 random bytes. */
        GARBAGE,
        /** Answers read-holding-registers correctly, with every register holding the unit id asked for. */
        UNIT_ID,
        /** Answers as UNIT_ID for unit 1 only: any other unit behind it is silent. */
        ONLY_UNIT_1,
        /** Closes the connection instead of answering. */
        DROP,
        /** Answers as UNIT_ID, but under another transaction id. */
        WRONG_TRANSACTION_ID,
        /** Answers as UNIT_ID, but as the next unit. */
        WRONG_UNIT
    }

    private final Reply reply;
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    RawServer(Reply reply) throws IOException {
        this.reply = reply;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-server-" + reply);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    TcpEndpoint endpoint() {
        return new TcpEndpoint("127.0.0.1", server.getLocalPort());
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                clients.add(client);
                Thread handler = new Thread(() -> serve(client), "raw-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Random random = new Random(42);
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            // buffered so an answer leaves as one segment rather than waiting on Nagle and delayed ACKs
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
            while (true) {
                int transactionId = in.readUnsignedShort();
                in.readUnsignedShort();
                byte[] pdu = new byte[in.readUnsignedShort()];
                in.readFully(pdu);
                switch (reply) {
                    case SILENT -> {
                    }
                    case GARBAGE -> {
                        byte[] noise = new byte[32];
                        random.nextBytes(noise);
                        out.write(noise);
                    }
                    case UNIT_ID -> answerWithUnitId(out, transactionId, pdu[0] & 0xFF, pdu);
                    case ONLY_UNIT_1 -> {
                        if (pdu[0] == 1) {
                            answerWithUnitId(out, transactionId, 1, pdu);
                        }
                    }
                    case DROP -> {
                        return;
                    }
                    case WRONG_TRANSACTION_ID -> answerWithUnitId(out, transactionId ^ 0x8000, pdu[0] & 0xFF, pdu);
                    case WRONG_UNIT -> answerWithUnitId(out, transactionId, (pdu[0] & 0xFF) + 1, pdu);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went away or the server closed
        }
    }

    /** pdu = unit, function 3, address (2), count (2); the answer comes from {@code unit}. */
    private static void answerWithUnitId(DataOutputStream out, int transactionId, int unit, byte[] pdu)
            throws IOException {
        int count = (pdu[4] & 0xFF) << 8 | pdu[5] & 0xFF;
        out.writeShort(transactionId);
        out.writeShort(0);
        out.writeShort(3 + 2 * count);
        out.writeByte(unit);
        out.writeByte(3);
        out.writeByte(2 * count);
        for (int i = 0; i < count; i++) {
            out.writeShort(unit);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
