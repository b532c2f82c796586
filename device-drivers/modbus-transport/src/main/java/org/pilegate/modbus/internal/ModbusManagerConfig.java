package org.pilegate.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate Modbus transport",
        description = "Shared Modbus TCP/serial transport. The endpoint values are defaults; drivers may configure"
                + " endpoints individually.")
public @interface ModbusManagerConfig {

    @AttributeDefinition(name = "Scheduler threads", min = "1", max = "32",
            description = "Threads that trigger periodic polls. Triggering only queues work, so few are needed.")
    int schedulerThreads() default 2;

    @AttributeDefinition(name = "Timeout (ms)", min = "1", description = "Connect and response timeout per attempt.")
    int timeoutMillis() default 3000;

    @AttributeDefinition(name = "Inter-transaction delay (ms)", min = "0",
            description = "Quiet time between two transactions on one endpoint. Devices on Ethernet need none;"
                    + " raise it (e.g. 20-60) for gateways to RS-485 buses and slow PLCs.")
    int interTransactionDelayMillis() default 0;

    @AttributeDefinition(name = "Retries", min = "0",
            description = "Attempts after the first for IO, timeout and protocol failures.")
    int maxRetries() default 2;

    @AttributeDefinition(name = "Backoff base (ms)", min = "0", description = "Delay before the first retry.")
    int backoffBaseMillis() default 100;

    @AttributeDefinition(name = "Backoff max (ms)", min = "0", description = "Upper bound of the retry delay.")
    int backoffMaxMillis() default 2000;

    @AttributeDefinition(name = "Close after each transaction",
            description = "For gateways that serve one short-lived client at a time.")
    boolean closeAfterTransaction() default false;

    @AttributeDefinition(name = "Max idle (s)", min = "0",
            description = "Reopen a connection unused for longer than this before using it again.")
    int maxIdleSeconds() default 60;

    @AttributeDefinition(name = "TCP client",
            description = "NETTY waits for Modbus TCP answers on an event-loop thread per core; J2MOD holds a thread"
                    + " per endpoint while it waits. Applies to endpoints first used after the change. Serial endpoints"
                    + " always use j2mod.")
    TcpClient tcpClient() default TcpClient.NETTY;

    /** The library that carries Modbus TCP. */
    enum TcpClient {
        NETTY,
        J2MOD
    }
}
