package org.pilegate.modbus.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.pilegate.modbus.TcpEndpoint;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * A j2mod TCP slave on 127.0.0.1 serving unit {@link #UNIT}: holding registers 0..9 = 100..109, input registers
 * 0..4 = 1000..1004, coils 0..7 and discrete inputs 0..7 alternating true/false. Can be stopped and restarted on
 * the same port.
 */
final class TestSlave implements AutoCloseable {

    static final int UNIT = 1;

    private final int port;
    private final SimpleProcessImage image = new SimpleProcessImage(UNIT);
    private ModbusSlave slave;

    TestSlave() throws IOException {
        // j2mod cannot report the port it bound, so borrow a free one first
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        for (int i = 0; i < 10; i++) {
            image.addRegister(new SimpleRegister(100 + i));
        }
        for (int i = 0; i < 5; i++) {
            image.addInputRegister(new SimpleInputRegister(1000 + i));
        }
        for (int i = 0; i < 8; i++) {
            image.addDigitalOut(new SimpleDigitalOut(i % 2 == 0));
            image.addDigitalIn(new SimpleDigitalIn(i % 2 == 0));
        }
    }

    TestSlave start() throws ModbusException {
        slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        slave.addProcessImage(UNIT, image);
        slave.open();
        return this;
    }

    /** Serves the same registers as Modbus RTU on a serial port, 19200 baud 8E1, instead of TCP. */
    TestSlave startSerial(String serialPort) throws ModbusException {
        SerialParameters line = new SerialParameters();
        line.setPortName(serialPort);
        line.setBaudRate(19200);
        line.setDatabits(8);
        line.setParity("Even");
        line.setStopbits(1);
        line.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        slave = ModbusSlaveFactory.createSerialSlave(line);
        slave.addProcessImage(UNIT, image);
        slave.open();
        return this;
    }

    void stop() {
        ModbusSlaveFactory.close(slave);
    }

    TcpEndpoint endpoint() {
        return new TcpEndpoint("127.0.0.1", port);
    }

    int register(int address) {
        return image.getRegister(address).getValue();
    }

    boolean coil(int address) {
        return image.getDigitalOut(address).isSet();
    }

    @Override
    public void close() {
        stop();
    }
}
