package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.EndpointHealth.State;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ErrorKind;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.MergedRead;
import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusIOException;
import org.pilegate.modbus.ModbusProtocolException;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.ModbusTimeoutException;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.PollTask;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.ReconnectPolicy;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.RequestMerger;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.WriteCoil;
import org.pilegate.modbus.WriteCoils;
import org.pilegate.modbus.WriteRegister;
import org.pilegate.modbus.WriteRegisters;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;

/**
 * The transport against real sockets on 127.0.0.1: a j2mod slave and servers that misbehave on purpose. Every TCP
 * client the transport offers must pass it (see {@link J2modTcpClientTest}).
 */
class ModbusManagerImplTest {

    private static final EndpointSettings FAST = new EndpointSettings(Duration.ofMillis(500), Duration.ZERO, 1,
            Duration.ofMillis(10), Duration.ofMillis(20), ReconnectPolicy.keepOpen(Duration.ofMinutes(1)));
    private static final Duration TICK = Duration.ofMillis(20);

    private final ModbusManagerImpl manager = new ModbusManagerImpl(2, FAST, tcpClient());
    private final List<AutoCloseable> servers = new ArrayList<>();

    /** The client under test. */
    TcpClient tcpClient() {
        return TcpClient.NETTY;
    }

    /** How the client under test counts an answer under another transaction id. */
    ErrorKind wrongTransactionIdKind() {
        return ErrorKind.PROTOCOL;
    }

    @AfterEach
    void stop() throws Exception {
        manager.close();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    private TestSlave slave() throws Exception {
        TestSlave slave = new TestSlave().start();
        servers.add(slave);
        return slave;
    }

    private RawServer raw(RawServer.Reply reply) throws Exception {
        RawServer server = new RawServer(reply);
        servers.add(server);
        return server;
    }

    private static ReadRequest read(FunctionCode function, int address, int count) {
        return new ReadRequest(TestSlave.UNIT, function, address, count);
    }

    @Test
    void readsHoldingAndInputRegisters() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        assertEquals(RegisterBlock.of(102, 103, 104),
                Await.result(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 2, 3))));
        assertEquals(RegisterBlock.of(1000, 1001, 1002, 1003, 1004),
                Await.result(manager.read(endpoint, read(FunctionCode.READ_INPUT_REGISTERS, 0, 5))));
        assertEquals(State.OK, manager.health(endpoint).state());
        assertEquals(2, manager.metrics(endpoint).successes());
        assertEquals(List.of(endpoint), List.copyOf(manager.endpoints()));
    }

    @Test
    void aSilentUnitIsSkippedBetweenProbesWhileItsNeighbourKeepsTheConnection() throws Exception {
        TcpEndpoint endpoint = raw(RawServer.Reply.ONLY_UNIT_1).endpoint();
        ReadRequest silent = new ReadRequest(2, FunctionCode.READ_HOLDING_REGISTERS, 0, 1);
        assertTrue(Await.failure(manager.read(endpoint, silent)) instanceof ModbusTimeoutException);

        long started = System.nanoTime();
        Throwable skipped = Await.failure(manager.read(endpoint, silent));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(skipped instanceof ModbusTimeoutException && skipped.getMessage().contains("next attempt in"),
                skipped.getMessage());
        assertTrue(took.compareTo(FAST.timeout()) < 0, "refused at once, not after a timeout: " + took);
        assertEquals(RegisterBlock.of(1), Await.result(manager.read(endpoint,
                new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 1))));
    }

    @Test
    void readsCoilsAndDiscreteInputs() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        assertEquals(BitBlock.of(false, true, false, true, false),
                Await.result(manager.readBits(endpoint, read(FunctionCode.READ_COILS, 1, 5))));
        assertEquals(BitBlock.of(true, false, true),
                Await.result(manager.readBits(endpoint, read(FunctionCode.READ_DISCRETE_INPUTS, 4, 3))));
    }

    @Test
    void writesRegistersAndCoilsThatReadBack() throws Exception {
        TestSlave slave = slave();
        TcpEndpoint endpoint = slave.endpoint();
        Await.result(manager.write(endpoint, new WriteRegister(TestSlave.UNIT, 0, 0xBEEF)));
        Await.result(manager.write(endpoint, new WriteRegisters(TestSlave.UNIT, 5, RegisterBlock.of(7, 65535, 9))));
        Await.result(manager.write(endpoint, new WriteCoil(TestSlave.UNIT, 1, true)));
        Await.result(manager.write(endpoint, new WriteCoils(TestSlave.UNIT, 4, BitBlock.of(false, true, true))));

        assertEquals(0xBEEF, slave.register(0));
        assertEquals(RegisterBlock.of(0xBEEF, 101, 102, 103, 104, 7, 65535, 9),
                Await.result(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 8))));
        assertTrue(slave.coil(1));
        assertEquals(BitBlock.of(true, true, true, false, false, true, true, false),
                Await.result(manager.readBits(endpoint, read(FunctionCode.READ_COILS, 0, 8))));
    }

    @Test
    void unmappedRegisterIsASlaveExceptionThatIsNotRetried() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        Throwable failure = Await.failure(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 50, 2)));
        assertEquals(ModbusSlaveException.ILLEGAL_DATA_ADDRESS,
                assertInstanceOf(ModbusSlaveException.class, failure).exceptionCode());
        assertEquals(State.DEGRADED, manager.health(endpoint).state());
        assertEquals(Optional.of("slave exception 2 (illegal data address)"), manager.health(endpoint).lastError());
        assertEquals(0, manager.metrics(endpoint).retries());
        assertEquals(1, manager.metrics(endpoint).errors(ErrorKind.SLAVE));

        // the link itself is fine: the next good read restores OK without reconnecting
        Await.result(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        assertEquals(State.OK, manager.health(endpoint).state());
        assertEquals(0, manager.metrics(endpoint).reconnects());
    }

    @Test
    void silentDeviceTimesOutAfterEveryAttempt() throws Exception {
        TcpEndpoint endpoint = raw(RawServer.Reply.SILENT).endpoint();
        Duration timeout = Duration.ofMillis(150);
        manager.configure(endpoint, new EndpointSettings(timeout, Duration.ZERO, 1, Duration.ofMillis(10),
                Duration.ofMillis(20), ReconnectPolicy.keepOpen(Duration.ofMinutes(1))));
        long started = System.nanoTime();
        Throwable failure = Await.failure(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertInstanceOf(ModbusTimeoutException.class, failure);
        assertInstanceOf(ModbusIOException.class, failure);
        // two attempts of one full timeout each, plus at most one backoff step and some slack
        assertTrue(elapsed.compareTo(timeout.multipliedBy(2)) >= 0, "took " + elapsed);
        assertTrue(elapsed.compareTo(timeout.multipliedBy(2).plusMillis(20 + 400)) < 0, "took " + elapsed);
        assertEquals(State.DOWN, manager.health(endpoint).state());
        assertEquals(1, manager.metrics(endpoint).errors(ErrorKind.TIMEOUT));
        assertEquals(1, manager.metrics(endpoint).retries());
        assertEquals(1, manager.metrics(endpoint).reconnects());
    }

    @Test
    void aBadUpdateIsRefusedAndAGoodOneGivesTheDefaultsToEndpointsNoDriverConfigured() throws Exception {
        TcpEndpoint following = raw(RawServer.Reply.SILENT).endpoint();
        TcpEndpoint ownSettings = raw(RawServer.Reply.SILENT).endpoint();
        manager.configure(ownSettings, FAST);
        // each read asks another unit: a unit that stayed silent is skipped for a while without any attempt
        Await.failure(manager.read(following, new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        assertEquals(1, manager.metrics(following).retries(), "one retry, as FAST says");

        assertEquals("configuration org.pilegate.modbus: maxRetries: must be 0 or more, was -1", assertThrows(
                IllegalArgumentException.class, () -> manager.modified(config(Map.of("maxRetries", -1))))
                .getMessage());
        assertEquals("configuration org.pilegate.modbus: backoffMaxMillis: must not be below backoffBaseMillis (100),"
                + " was 50", assertThrows(IllegalArgumentException.class,
                        () -> manager.modified(config(Map.of("backoffMaxMillis", 50)))).getMessage());
        assertEquals("configuration org.pilegate.modbus: schedulerThreads: must be 1..32, was 33", assertThrows(
                IllegalArgumentException.class, () -> manager.modified(config(Map.of("schedulerThreads", 33))))
                .getMessage());
        Await.failure(manager.read(following, new ReadRequest(2, FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        assertEquals(2, manager.metrics(following).retries(), "the refused updates changed nothing");

        manager.modified(config(Map.of("timeoutMillis", 100, "maxRetries", 0)));

        Await.failure(manager.read(following, new ReadRequest(3, FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        assertEquals(2, manager.metrics(following).retries(), "no retry under the new defaults");
        Await.failure(manager.read(ownSettings, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        assertEquals(1, manager.metrics(ownSettings).retries(), "a driver's own settings stay");
    }

    /** The transport's configuration as DS hands it over: the metatype defaults, some overridden. */
    private static ModbusManagerConfig config(Map<String, Object> overrides) {
        return (ModbusManagerConfig) Proxy.newProxyInstance(ModbusManagerConfig.class.getClassLoader(),
                new Class<?>[] {ModbusManagerConfig.class}, (proxy, method, args) -> overrides.getOrDefault(
                        method.getName(), method.getDefaultValue()));
    }

    @Test
    void refusedConnectionIsAConnectionFailure() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        TcpEndpoint endpoint = new TcpEndpoint("127.0.0.1", closedPort);
        Throwable failure = Await.failure(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        assertInstanceOf(ModbusConnectionException.class, failure);
        assertEquals(State.DOWN, manager.health(endpoint).state());
        assertEquals(Map.of(ErrorKind.CONNECTION, 1L), manager.metrics(endpoint).errors());
    }

    @Test
    void healthGoesDownAndRecoversWhenTheSlaveReturns() throws Exception {
        TestSlave slave = slave();
        TcpEndpoint endpoint = slave.endpoint();
        Recorder recorder = new Recorder();
        manager.schedule(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 2), TICK, recorder);
        Await.until("first poll answered", () -> recorder.data.size() >= 1);
        assertEquals(State.OK, manager.health(endpoint).state());

        slave.stop();
        Await.until("endpoint DOWN", () -> manager.health(endpoint).state() == State.DOWN);
        assertTrue(manager.health(endpoint).lastError().isPresent());
        int answeredBeforeRestart = recorder.data.size();

        slave.start();
        Await.until("endpoint OK again", () -> manager.health(endpoint).state() == State.OK);
        Await.until("polls answered again", () -> recorder.data.size() > answeredBeforeRestart);
        assertEquals(RegisterBlock.of(100, 101), recorder.data.get(recorder.data.size() - 1));
        assertTrue(manager.metrics(endpoint).reconnects() >= 1);
        assertFalse(recorder.failures.isEmpty());
    }

    @Test
    void garbageAnswersAreReportedAndThePollerKeepsRunning() throws Exception {
        TcpEndpoint garbage = raw(RawServer.Reply.GARBAGE).endpoint();
        manager.configure(garbage, new EndpointSettings(Duration.ofMillis(200), Duration.ZERO, 0,
                Duration.ZERO, Duration.ZERO, ReconnectPolicy.keepOpen(Duration.ofMinutes(1))));
        Recorder recorder = new Recorder();
        PollTask poll = manager.schedule(garbage, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 4), TICK, recorder);

        Await.until("three failed polls", () -> recorder.failures.size() >= 3);
        assertTrue(recorder.data.isEmpty(), "garbage decoded as " + recorder.data);
        for (ModbusException failure : recorder.failures) {
            assertTrue(failure instanceof ModbusIOException || failure instanceof ModbusProtocolException,
                    "unexpected " + failure);
        }
        assertFalse(poll.isCancelled());
        assertEquals(State.DOWN, manager.health(garbage).state());

        // the transport as a whole is unharmed
        TcpEndpoint good = slave().endpoint();
        assertEquals(RegisterBlock.of(100), Await.result(manager.read(good, read(FunctionCode.READ_HOLDING_REGISTERS,
                0, 1))));
        int failuresSoFar = recorder.failures.size();
        Await.until("more failed polls", () -> recorder.failures.size() > failuresSoFar);
    }

    @Test
    void aDroppedConnectionFailsAtOnceAndTheRetryGetsAFreshOne() throws Exception {
        RawServer dropping = raw(RawServer.Reply.DROP);
        long started = System.nanoTime();
        Throwable failure = Await.failure(manager.read(dropping.endpoint(), read(FunctionCode.READ_HOLDING_REGISTERS,
                0, 1)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertInstanceOf(ModbusIOException.class, failure);
        assertFalse(failure instanceof ModbusTimeoutException, "a closed connection is no timeout: " + failure);
        assertTrue(took.compareTo(FAST.timeout()) < 0, "failed at once, not after a timeout: " + took);
        assertEquals(2, dropping.connections(), "the retry on a fresh connection");
        assertEquals(Map.of(ErrorKind.IO, 1L), manager.metrics(dropping.endpoint()).errors());
    }

    @Test
    void anAnswerUnderAnotherTransactionIdIsNotTakenForTheValue() throws Exception {
        assertRefusedAtOnce(raw(RawServer.Reply.WRONG_TRANSACTION_ID), wrongTransactionIdKind());
    }

    @Test
    void anAnswerFromAnotherUnitIsNotTakenForTheValue() throws Exception {
        assertRefusedAtOnce(raw(RawServer.Reply.WRONG_UNIT), ErrorKind.PROTOCOL);
    }

    /** Every attempt is answered with a correct frame of another exchange, which the client must refuse. */
    private void assertRefusedAtOnce(RawServer server, ErrorKind kind) throws Exception {
        long started = System.nanoTime();
        Throwable failure = Await.failure(manager.read(server.endpoint(),
                new ReadRequest(3, FunctionCode.READ_HOLDING_REGISTERS, 0, 2)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(kind, assertInstanceOf(ModbusException.class, failure).kind(), failure.toString());
        assertTrue(took.compareTo(FAST.timeout()) < 0, "refused on arrival, not after a timeout: " + took);
        assertEquals(Map.of(kind, 1L), manager.metrics(server.endpoint()).errors());
        assertEquals(2, server.connections(), "each attempt on a fresh connection");
    }

    @Test
    void allUnitsShareOneConnection() throws Exception {
        RawServer server = raw(RawServer.Reply.UNIT_ID);
        List<CompletionStage<RegisterBlock>> reads = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int unit = 1; unit <= 5; unit++) {
                reads.add(manager.read(server.endpoint(),
                        new ReadRequest(unit, FunctionCode.READ_HOLDING_REGISTERS, 0, 2)));
            }
        }
        for (int i = 0; i < reads.size(); i++) {
            int unit = i % 5 + 1;
            assertEquals(RegisterBlock.of(unit, unit), Await.result(reads.get(i)));
        }
        assertEquals(1, server.connections());
    }

    @Test
    void aDeadEndpointDoesNotDelayOthers() throws Exception {
        TcpEndpoint dead = raw(RawServer.Reply.SILENT).endpoint();
        manager.configure(dead, new EndpointSettings(Duration.ofMillis(1500), Duration.ZERO, 0, Duration.ZERO,
                Duration.ZERO, ReconnectPolicy.keepOpen(Duration.ofMinutes(1))));
        CompletableFuture<RegisterBlock> stuck = manager
                .read(dead, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)).toCompletableFuture();
        TcpEndpoint alive = slave().endpoint();

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Await.result(manager.read(alive, read(FunctionCode.READ_HOLDING_REGISTERS, i, 1)));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(stuck.isDone(), "the dead endpoint answered");
        assertTrue(elapsed.compareTo(Duration.ofMillis(500)) < 0, "took " + elapsed);
    }

    /** A driver may rely on it: the data of a run comes from no earlier than the run was queued. */
    @Test
    void eachRunTellsWhenItWasQueuedAfterThePreviousOneWasDelivered() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        List<long[]> runs = new CopyOnWriteArrayList<>();
        manager.schedule(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 2), TICK, new PollCallback() {
            @Override
            public void onData(DataBlock data, long queuedNanos) {
                runs.add(new long[] {queuedNanos, System.nanoTime()});
            }

            @Override
            public void onFailure(ModbusException error) {
                throw new AssertionError("the slave answers", error);
            }
        });
        Await.until("three runs", () -> runs.size() >= 3);
        for (int i = 0; i < 3; i++) {
            long[] run = runs.get(i);
            assertTrue(run[0] <= run[1], "run " + i + " delivered before it was queued");
            if (i > 0) {
                assertTrue(run[0] >= runs.get(i - 1)[1], "run " + i + " queued before the one before was delivered");
            }
        }
    }

    @Test
    void aThrowingCallbackDoesNotStopThePoll() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        AtomicInteger calls = new AtomicInteger();
        manager.schedule(endpoint, read(FunctionCode.READ_COILS, 0, 8), TICK, new PollCallback() {
            @Override
            public void onData(DataBlock data, long queuedNanos) {
                calls.incrementAndGet();
                throw new IllegalStateException("driver bug");
            }

            @Override
            public void onFailure(ModbusException error) {
                throw new IllegalStateException("driver bug");
            }
        });
        Await.until("three calls despite exceptions", () -> calls.get() >= 3);
    }

    @Test
    void cancelledPollReportsNothingMore() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        Recorder recorder = new Recorder();
        PollTask poll = manager.schedule(endpoint, read(FunctionCode.READ_INPUT_REGISTERS, 0, 1), TICK, recorder);
        Await.until("first poll answered", () -> recorder.data.size() >= 1);
        poll.cancel();
        assertTrue(poll.isCancelled());
        int reported = recorder.data.size();
        long requests = manager.metrics(endpoint).requests();
        // a negative check needs a window; five periods cannot produce a false pass
        Thread.sleep(TICK.multipliedBy(5).toMillis());
        assertEquals(reported, recorder.data.size());
        // a trigger that passed its cancelled check just before cancel() may still submit one read
        long submittedAfterCancel = manager.metrics(endpoint).requests() - requests;
        assertTrue(submittedAfterCancel <= 1, submittedAfterCancel + " reads after cancel");
    }

    @Test
    void aMergedReadAnswersEveryPart() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        ReadRequest first = read(FunctionCode.READ_HOLDING_REGISTERS, 1, 2);
        ReadRequest second = read(FunctionCode.READ_HOLDING_REGISTERS, 6, 3);
        List<MergedRead> merged = RequestMerger.merge(List.of(first, second), 4);
        assertEquals(1, merged.size());
        RegisterBlock answer = Await.result(manager.read(endpoint, merged.get(0).request()));
        for (ReadRequest part : List.of(first, second)) {
            assertEquals(Await.result(manager.read(endpoint, part)),
                    answer.slice(merged.get(0).offsetOf(part), part.count()));
        }
    }

    @Test
    void rejectsMisuse() throws Exception {
        TcpEndpoint endpoint = new TcpEndpoint("127.0.0.1", 1502);
        assertThrows(IllegalArgumentException.class,
                () -> manager.read(endpoint, read(FunctionCode.READ_COILS, 0, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> manager.readBits(endpoint, read(FunctionCode.READ_INPUT_REGISTERS, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> manager.schedule(endpoint,
                read(FunctionCode.READ_COILS, 0, 1), Duration.ZERO, new Recorder()));
        TcpEndpoint unused = new TcpEndpoint("127.0.0.1", 1503);
        assertThrows(IllegalArgumentException.class, () -> manager.health(unused));
        assertThrows(IllegalArgumentException.class, () -> manager.metrics(unused));
    }

    @Test
    void afterShutdownRequestsFailInsteadOfHanging() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        Await.result(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        manager.close();
        Throwable failure = Await.failure(manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 0, 1)));
        assertInstanceOf(ModbusConnectionException.class, failure);
    }

    /** What a driver does with an answer runs in its lane: the network and IO threads only carry frames. */
    @Test
    void aDriversRequestsCompleteInItsLaneNeverOnTheTransportsThreads() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        DriverLane lane = manager.lane("bay-07.relay");
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch handled = new CountDownLatch(3);
        // asked from within the lane, so no answer can come before its handler is attached
        lane.execute(() -> {
            manager.read(endpoint, read(FunctionCode.READ_HOLDING_REGISTERS, 2, 3), lane)
                    .whenComplete((block, error) -> handledOn(threads, handled));
            manager.readBits(endpoint, read(FunctionCode.READ_COILS, 1, 5), lane)
                    .whenComplete((block, error) -> handledOn(threads, handled));
            manager.write(endpoint, new WriteRegister(TestSlave.UNIT, 0, 7), lane)
                    .whenComplete((block, error) -> handledOn(threads, handled));
        });

        assertTrue(handled.await(2, TimeUnit.SECONDS), "every answer was handled");
        assertEquals(3, threads.stream().filter(thread -> thread.startsWith("modbus-driver-")).count(),
                threads.toString());
    }

    /** Whoever waits for a request hears how it ended, even once the driver closed its lane. */
    @Test
    void aRequestOfALaneClosedWhileItWasUnderWayStillCompletes() throws Exception {
        TcpEndpoint endpoint = slave().endpoint();
        DriverLane lane = manager.lane("bay-07.relay");
        CountDownLatch release = new CountDownLatch(1);
        lane.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletionStage<RegisterBlock> answer = manager.read(endpoint,
                read(FunctionCode.READ_HOLDING_REGISTERS, 2, 3), lane);
        Await.until("the transport has the answer", () -> manager.metrics(endpoint).successes() == 1);

        lane.close();
        release.countDown();

        assertEquals(RegisterBlock.of(102, 103, 104), Await.result(answer));
    }

    private static void handledOn(List<String> threads, CountDownLatch handled) {
        threads.add(Thread.currentThread().getName());
        handled.countDown();
    }

    /** Collects what a poll reports. */
    private static final class Recorder implements PollCallback {
        final List<DataBlock> data = new CopyOnWriteArrayList<>();
        final List<ModbusException> failures = new CopyOnWriteArrayList<>();

        @Override
        public void onData(DataBlock block, long queuedNanos) {
            data.add(block);
        }

        @Override
        public void onFailure(ModbusException error) {
            failures.add(error);
        }
    }
}
