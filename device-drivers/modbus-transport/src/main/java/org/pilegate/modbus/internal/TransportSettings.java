package org.pilegate.modbus.internal;

import java.time.Duration;
import java.util.Arrays;

import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ReconnectPolicy;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;

/**
 * The transport's configuration {@value ModbusManagerImpl#PID}, checked: a wrong value is refused naming the PID, the
 * key and why, before anything changes.
 *
 * @param schedulerThreads threads that trigger periodic polls
 * @param defaults the settings of every endpoint no driver configured
 * @param tcpClient the library of TCP endpoints first used from now on
 */
record TransportSettings(int schedulerThreads, EndpointSettings defaults, TcpClient tcpClient) {

    /** Triggering a poll only queues work: more threads than this would only wait. */
    static final int MAX_SCHEDULER_THREADS = 32;

    static TransportSettings of(ModbusManagerConfig config) {
        int threads = atLeast("schedulerThreads", config.schedulerThreads(), 1);
        if (threads > MAX_SCHEDULER_THREADS) {
            throw invalid("schedulerThreads", "must be 1.." + MAX_SCHEDULER_THREADS + ", was " + threads);
        }
        int backoffBase = atLeast("backoffBaseMillis", config.backoffBaseMillis(), 0);
        int backoffMax = atLeast("backoffMaxMillis", config.backoffMaxMillis(), 0);
        if (backoffMax < backoffBase) {
            throw invalid("backoffMaxMillis", "must not be below backoffBaseMillis (" + backoffBase + "), was "
                    + backoffMax);
        }
        return new TransportSettings(threads, new EndpointSettings(
                Duration.ofMillis(atLeast("timeoutMillis", config.timeoutMillis(), 1)),
                Duration.ofMillis(atLeast("interTransactionDelayMillis", config.interTransactionDelayMillis(), 0)),
                atLeast("maxRetries", config.maxRetries(), 0), Duration.ofMillis(backoffBase),
                Duration.ofMillis(backoffMax), new ReconnectPolicy(config.closeAfterTransaction(),
                        Duration.ofSeconds(atLeast("maxIdleSeconds", config.maxIdleSeconds(), 0)))),
                tcpClient(config));
    }

    /** The framework hands over null for a value that names no client. */
    private static TcpClient tcpClient(ModbusManagerConfig config) {
        if (config.tcpClient() == null) {
            throw invalid("tcpClient", "must be one of " + Arrays.toString(TcpClient.values()));
        }
        return config.tcpClient();
    }

    private static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw invalid(key, "must be " + min + " or more, was " + value);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException("configuration " + ModbusManagerImpl.PID + ": " + key + ": " + why);
    }
}
