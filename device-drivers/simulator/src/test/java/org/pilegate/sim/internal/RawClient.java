package org.pilegate.sim.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.pilegate.sim.PileAddress;

/** A socket that sends and receives Modbus TCP bytes exactly as a test lays them out. */
final class RawClient implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(PileAddress address) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address.host(), address.port()), 2000);
        socket.setSoTimeout(2000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** An ADU: MBAP header with protocol 0 and the right length, unit id, then the PDU given in hex. */
    static byte[] request(int transaction, int unitId, String pduHex) {
        byte[] pdu = HexFormat.of().parseHex(pduHex);
        return ByteBuffer.allocate(7 + pdu.length).putShort((short) transaction).putShort((short) 0)
                .putShort((short) (pdu.length + 1)).put((byte) unitId).put(pdu).array();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame as its header announces it, in hex. */
    String readFrame() throws IOException {
        byte[] header = readExactly(6);
        int length = (header[4] & 0xFF) << 8 | header[5] & 0xFF;
        return HexFormat.of().formatHex(header) + HexFormat.of().formatHex(readExactly(length));
    }

    byte[] readExactly(int count) throws IOException {
        byte[] bytes = new byte[count];
        in.readFully(bytes);
        return bytes;
    }

    /** Whether nothing arrives within {@code millis}; the connection stays usable. */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(2000);
        }
    }

    /** Whether the server closed the connection: end of stream, or a reset, before the read times out. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
