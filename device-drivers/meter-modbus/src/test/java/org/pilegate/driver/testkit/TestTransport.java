package org.pilegate.driver.testkit;

import org.pilegate.modbus.internal.ModbusManagerConfig;
import org.pilegate.modbus.internal.ModbusManagerImpl;

/** The real Modbus transport, tuned so that a dead device is noticed within a test's patience. */
public final class TestTransport {

    private TestTransport() {
    }

    /** A started transport; close it after the test. */
    public static ModbusManagerImpl start() {
        return new ModbusManagerImpl(TestConfig.of(ModbusManagerConfig.class)
                .set("timeoutMillis", 300)
                .set("interTransactionDelayMillis", 0)
                .set("maxRetries", 1)
                .set("backoffBaseMillis", 10)
                .set("backoffMaxMillis", 20)
                .annotation());
    }
}
