package org.pilegate.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.PollTask;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.ReconnectPolicy;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteRequest;

/**
 * The Modbus transport on j2mod. Threads: a small scheduler that only triggers polls, and an IO pool from which
 * each endpoint with queued work borrows one thread, so blocking IO on a dead endpoint never holds up another.
 */
@Component(service = ModbusManager.class, configurationPid = "org.pilegate.modbus")
@Designate(ocd = ModbusManagerConfig.class)
public final class ModbusManagerImpl implements ModbusManager {

    private final EndpointSettings defaults;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService io = Executors.newCachedThreadPool(threads("modbus-io"));
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentMap<ModbusEndpoint, EndpointChannel> channels = new ConcurrentHashMap<>();
    private final Set<ScheduledPoll> polls = ConcurrentHashMap.newKeySet();

    @Activate
    public ModbusManagerImpl(ModbusManagerConfig config) {
        this(config.schedulerThreads(), new EndpointSettings(Duration.ofMillis(config.timeoutMillis()),
                Duration.ofMillis(config.interTransactionDelayMillis()), config.maxRetries(),
                Duration.ofMillis(config.backoffBaseMillis()), Duration.ofMillis(config.backoffMaxMillis()),
                new ReconnectPolicy(config.closeAfterTransaction(), Duration.ofSeconds(config.maxIdleSeconds()))));
    }

    ModbusManagerImpl(int schedulerThreads, EndpointSettings defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.scheduler = new ScheduledThreadPoolExecutor(schedulerThreads, threads("modbus-poll"));
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Deactivate
    public void close() {
        List.copyOf(polls).forEach(PollTask::cancel);
        scheduler.shutdownNow();
        channels.values().forEach(EndpointChannel::close);
        // interrupts backoff and quiet-time waits; queued transactions then fail fast on their closed channel
        io.shutdownNow();
    }

    @Override
    public void configure(ModbusEndpoint endpoint, EndpointSettings settings) {
        Objects.requireNonNull(settings, "settings");
        channel(endpoint).configure(settings);
    }

    @Override
    public CompletionStage<RegisterBlock> read(ModbusEndpoint endpoint, ReadRequest request) {
        return channel(endpoint).submit(J2mod.readRegisters(request));
    }

    @Override
    public CompletionStage<BitBlock> readBits(ModbusEndpoint endpoint, ReadRequest request) {
        return channel(endpoint).submit(J2mod.readBits(request));
    }

    @Override
    public CompletionStage<Void> write(ModbusEndpoint endpoint, WriteRequest request) {
        return channel(endpoint).submit(J2mod.write(request));
    }

    @Override
    public PollTask schedule(ModbusEndpoint endpoint, ReadRequest request, Duration period, PollCallback callback) {
        Objects.requireNonNull(callback, "callback");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        EndpointChannel channel = channel(endpoint);
        Operation<? extends DataBlock> operation = request.function().readsBits()
                ? J2mod.readBits(request)
                : J2mod.readRegisters(request);
        ScheduledPoll poll = new ScheduledPoll(endpoint, request, period, callback,
                () -> channel.submit(operation), polls::remove);
        polls.add(poll);
        poll.start(scheduler);
        return poll;
    }

    @Override
    public EndpointHealth health(ModbusEndpoint endpoint) {
        return known(endpoint).health();
    }

    @Override
    public EndpointMetrics metrics(ModbusEndpoint endpoint) {
        return known(endpoint).metrics();
    }

    @Override
    public Collection<ModbusEndpoint> endpoints() {
        return List.copyOf(channels.keySet());
    }

    private EndpointChannel channel(ModbusEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return channels.computeIfAbsent(endpoint,
                key -> new EndpointChannel(key, Link.forEndpoint(key), defaults, io, Runnable::run, clock));
    }

    private EndpointChannel known(ModbusEndpoint endpoint) {
        EndpointChannel channel = channels.get(Objects.requireNonNull(endpoint, "endpoint"));
        if (channel == null) {
            throw new IllegalArgumentException("unknown Modbus endpoint " + endpoint);
        }
        return channel;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
