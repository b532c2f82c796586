package org.pilegate.modbus.benchmark;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.TcpEndpoint;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

/**
 * The reference: j2mod's own client on one connection, one thread reading back-to-back. It is the same library
 * the transport wraps, set up as the transport sets it up (one attempt, transaction ids checked), so the
 * difference between the two is what the transport adds.
 */
final class ReferenceLoop {

    private ReferenceLoop() {
    }

    static Measurement run(Probe probe, TcpEndpoint endpoint, ReadRequest request, Duration warmup, Duration window)
            throws Exception {
        ModbusTCPMaster master = new ModbusTCPMaster(endpoint.host(), endpoint.port(),
                (int) EndpointSettings.DEFAULTS.timeout().toMillis(), false);
        master.connect();
        master.setRetries(1);
        master.setCheckingValidity(true);
        Tally tally = new Tally();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread loop = new Thread(() -> {
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    read(master, request);
                    tally.onAnswer(System.nanoTime() - started);
                } catch (ModbusException e) {
                    tally.onFailure();
                }
            }
        }, "reference-client");
        loop.start();
        try {
            return probe.measure(tally, warmup, window);
        } finally {
            running.set(false);
            loop.join();
            master.disconnect();
        }
    }

    private static void read(ModbusTCPMaster master, ReadRequest request) throws ModbusException {
        if (request.function() == FunctionCode.READ_HOLDING_REGISTERS) {
            master.readMultipleRegisters(request.unitId(), request.address(), request.count());
        } else {
            master.readInputRegisters(request.unitId(), request.address(), request.count());
        }
    }
}
