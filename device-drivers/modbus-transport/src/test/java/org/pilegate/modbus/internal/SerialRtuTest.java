package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.ReconnectPolicy;
import org.pilegate.modbus.SerialEndpoint;
import org.pilegate.modbus.WriteRegister;

/**
 * Modbus RTU over a real serial line: socat joins two pseudo-terminals back to back, a j2mod RTU slave listens on
 * one end and the transport talks through the other, with jSerialComm doing the serial IO as on real hardware.
 */
class SerialRtuTest {

    private static final EndpointSettings SERIAL = new EndpointSettings(Duration.ofSeconds(1), Duration.ofMillis(5),
            1, Duration.ofMillis(10), Duration.ofMillis(50), ReconnectPolicy.keepOpen(Duration.ofMinutes(1)));

    @TempDir
    Path folder;

    private Process nullModem;
    private TestSlave slave;
    private ModbusManagerImpl manager;
    private SerialEndpoint endpoint;

    @BeforeEach
    void connect() throws Exception {
        Path slaveEnd = folder.resolve("slave");
        Path masterEnd = folder.resolve("master");
        try {
            nullModem = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + slaveEnd,
                    "pty,raw,echo=0,link=" + masterEnd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("this test needs socat (apt-get install socat) for its serial line", e);
        }
        Await.until("socat's two ends", () -> Files.exists(slaveEnd) && Files.exists(masterEnd));
        slave = new TestSlave().startSerial(slaveEnd.toRealPath().toString());
        endpoint = new SerialEndpoint(masterEnd.toRealPath().toString(), 19200, 8, SerialEndpoint.Parity.EVEN, 1,
                SerialEndpoint.Encoding.RTU);
        manager = new ModbusManagerImpl(1, SERIAL, ModbusManagerConfig.TcpClient.NETTY);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        if (manager != null) {
            manager.close();
        }
        if (slave != null) {
            slave.stop();
        }
        nullModem.destroy();
        nullModem.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void readsAndWritesRegistersOverRtu() throws Exception {
        assertArrayEquals(new int[] {100, 101, 102, 103, 104}, manager.read(endpoint,
                new ReadRequest(TestSlave.UNIT, FunctionCode.READ_HOLDING_REGISTERS, 0, 5))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).toArray());

        manager.write(endpoint, new WriteRegister(TestSlave.UNIT, 3, 4242)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertEquals(4242, slave.register(3));
        assertArrayEquals(new int[] {1000, 1001}, manager.read(endpoint,
                new ReadRequest(TestSlave.UNIT, FunctionCode.READ_INPUT_REGISTERS, 0, 2))
                .toCompletableFuture().get(5, TimeUnit.SECONDS).toArray());
    }
}
