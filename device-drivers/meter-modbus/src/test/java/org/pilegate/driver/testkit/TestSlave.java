package org.pilegate.driver.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.TcpEndpoint;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * A j2mod Modbus TCP slave on 127.0.0.1 serving unit {@link #UNIT}, with registers and coils only where a test puts
 * them: reading anything else is answered with "illegal data address", as real devices do. Can be stopped and
 * started again on the same port.
 */
public final class TestSlave implements AutoCloseable {

    public static final int UNIT = 1;

    /** A coil that tells the test when a master writes it, as a controller's program would see it. */
    private static final class WatchedCoil extends SimpleDigitalOut {

        private volatile Consumer<Boolean> onWrite = value -> { };

        WatchedCoil(boolean value) {
            // not super(value): that would report the initial value as a write
            this.set = value;
        }

        @Override
        public void set(boolean value) {
            super.set(value);
            onWrite.accept(value);
        }
    }

    private final int port;
    private final SimpleProcessImage image = new SimpleProcessImage(UNIT);
    private ModbusSlave slave;

    public TestSlave() {
        // j2mod cannot report the port it bound, so borrow a free one first
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts {@code words} into the holding registers from {@code address} on. */
    public TestSlave holding(int address, RegisterBlock words) {
        for (int i = 0; i < words.size(); i++) {
            int at = address + i;
            int value = words.get(i);
            existing(() -> image.getRegister(at)).ifPresentOrElse(r -> r.setValue(value),
                    () -> image.addRegister(at, new SimpleRegister(value)));
        }
        return this;
    }

    /** Puts {@code words} into the input registers from {@code address} on. */
    public TestSlave input(int address, RegisterBlock words) {
        for (int i = 0; i < words.size(); i++) {
            int at = address + i;
            int value = words.get(i);
            existing(() -> (SimpleInputRegister) image.getInputRegister(at)).ifPresentOrElse(r -> r.setValue(value),
                    () -> image.addInputRegister(at, new SimpleInputRegister(value)));
        }
        return this;
    }

    public TestSlave coil(int address, boolean value) {
        existing(() -> image.getDigitalOut(address)).ifPresentOrElse(c -> c.set(value),
                () -> image.addDigitalOut(address, new WatchedCoil(value)));
        return this;
    }

    /** Calls {@code onWrite} whenever a master writes the coil at {@code address}, which must exist. */
    public TestSlave onCoilWrite(int address, Consumer<Boolean> onWrite) {
        ((WatchedCoil) image.getDigitalOut(address)).onWrite = onWrite;
        return this;
    }

    public int holding(int address) {
        return image.getRegister(address).getValue();
    }

    public boolean coil(int address) {
        return image.getDigitalOut(address).isSet();
    }

    public TestSlave start() throws ModbusException {
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(UNIT, image);
        slave.open();
        return this;
    }

    /** Stops answering: the port is closed as a switched-off device's would be. */
    public void stop() {
        ModbusSlaveFactory.close(slave);
    }

    public TcpEndpoint endpoint() {
        return new TcpEndpoint("127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private static <T> Optional<T> existing(Supplier<T> lookup) {
        try {
            return Optional.of(lookup.get());
        } catch (IllegalAddressException absent) {
            return Optional.empty();
        }
    }
}
