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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.PollTask;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteRequest;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Modbus transport. Threads: a small scheduler that triggers polls and times quiet times and retry delays, a
 * Netty event loop per core that carry the Modbus TCP endpoints (a transaction waiting for its answer holds no
 * thread), an IO pool from which each j2mod endpoint (serial, or TCP if so configured) borrows one thread while it
 * has work, so blocking IO on a dead endpoint never holds up another, and one driver thread per core that runs the
 * drivers' lanes, where a driver's requests complete.
 */
@Component(service = ModbusManager.class, configurationPid = ModbusManagerImpl.PID)
@Designate(ocd = ModbusManagerConfig.class)
public final class ModbusManagerImpl implements ModbusManager {

    static final String PID = "org.pilegate.modbus";
    private static final Logger LOG = LoggerFactory.getLogger(ModbusManagerImpl.class);
    /** Completes a stage on the thread that ends the transaction: a hand-off costs more than a fast link's answer. */
    private static final Executor ON_TRANSPORT_THREAD = Runnable::run;

    private volatile EndpointSettings defaults;
    /** Endpoints whose settings a driver chose; the others follow the configured defaults. */
    private final Set<ModbusEndpoint> configuredByDrivers = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService io = Executors.newCachedThreadPool(threads("modbus-io"));
    /**
     * A loop per core serves thousands of endpoints: a transaction costs it a write, a read and a timer. One loop
     * alone waits, with every endpoint on it, whenever a loaded machine takes its core away.
     */
    private final EventLoopGroup network = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors(),
            // Netty's own factory, whose threads give its buffer pools their fast thread-locals
            new DefaultThreadFactory("modbus-net", true));
    private volatile TcpClient tcpClient;
    private final ExecutorService drivers = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), threads("modbus-driver"));
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentMap<ModbusEndpoint, EndpointChannel> channels = new ConcurrentHashMap<>();
    private final Set<ScheduledPoll> polls = ConcurrentHashMap.newKeySet();

    /** A first configuration with a wrong value fails the activation, with the same message an update gets. */
    @Activate
    public ModbusManagerImpl(ModbusManagerConfig config) {
        this(TransportSettings.of(config));
    }

    private ModbusManagerImpl(TransportSettings settings) {
        this(settings.schedulerThreads(), settings.defaults(), settings.tcpClient());
    }

    ModbusManagerImpl(int schedulerThreads, EndpointSettings defaults, TcpClient tcpClient) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.tcpClient = Objects.requireNonNull(tcpClient, "tcpClient");
        this.scheduler = new ScheduledThreadPoolExecutor(schedulerThreads, threads("modbus-poll"));
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Applies a changed configuration in place: polls and queued transactions go on, endpoints no driver configured
     * take the new defaults. One with a wrong value is refused naming the PID, the key and why (the framework logs
     * it), and the transport keeps its last good settings.
     */
    @Modified
    synchronized void modified(ModbusManagerConfig config) {
        TransportSettings next = TransportSettings.of(config);
        scheduler.setCorePoolSize(next.schedulerThreads());
        defaults = next.defaults();
        tcpClient = next.tcpClient();
        channels.forEach((endpoint, channel) -> {
            if (!configuredByDrivers.contains(endpoint)) {
                channel.configure(next.defaults());
            }
        });
        LOG.info("Modbus transport reconfigured: {} scheduler threads, endpoint defaults {}, TCP endpoints first used"
                + " from now on through {}", next.schedulerThreads(), next.defaults(), next.tcpClient());
    }

    @Deactivate
    public void close() {
        List.copyOf(polls).forEach(PollTask::cancel);
        scheduler.shutdownNow();
        drivers.shutdownNow();
        channels.values().forEach(EndpointChannel::close);
        // interrupts j2mod's blocking IO; the channels have failed what was queued or under way
        io.shutdownNow();
        network.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void configure(ModbusEndpoint endpoint, EndpointSettings settings) {
        Objects.requireNonNull(settings, "settings");
        configuredByDrivers.add(endpoint);
        channel(endpoint).configure(settings);
    }

    @Override
    public CompletionStage<RegisterBlock> read(ModbusEndpoint endpoint, ReadRequest request) {
        return channel(endpoint).submit(Operation.registers(request), ON_TRANSPORT_THREAD);
    }

    @Override
    public CompletionStage<BitBlock> readBits(ModbusEndpoint endpoint, ReadRequest request) {
        return channel(endpoint).submit(Operation.bits(request), ON_TRANSPORT_THREAD);
    }

    @Override
    public CompletionStage<Void> write(ModbusEndpoint endpoint, WriteRequest request) {
        return channel(endpoint).submit(new Operation.Write(request), ON_TRANSPORT_THREAD);
    }

    @Override
    public CompletionStage<RegisterBlock> read(ModbusEndpoint endpoint, ReadRequest request, DriverLane lane) {
        return channel(endpoint).submit(Operation.registers(request), completionsIn(lane));
    }

    @Override
    public CompletionStage<BitBlock> readBits(ModbusEndpoint endpoint, ReadRequest request, DriverLane lane) {
        return channel(endpoint).submit(Operation.bits(request), completionsIn(lane));
    }

    @Override
    public CompletionStage<Void> write(ModbusEndpoint endpoint, WriteRequest request, DriverLane lane) {
        return channel(endpoint).submit(new Operation.Write(request), completionsIn(lane));
    }

    @Override
    public PollTask schedule(ModbusEndpoint endpoint, ReadRequest request, Duration period, PollCallback callback) {
        Objects.requireNonNull(callback, "callback");
        Beat.checkPeriod(period);
        EndpointChannel channel = channel(endpoint);
        Operation<? extends DataBlock> operation = Operation.read(request);
        ScheduledPoll poll = new ScheduledPoll(endpoint, request, period, callback,
                () -> channel.submit(operation, ON_TRANSPORT_THREAD), polls::remove);
        polls.add(poll);
        poll.start(scheduler);
        return poll;
    }

    @Override
    public DriverLane lane(String device) {
        return new SharedDriverLane(device, drivers, scheduler);
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
                key -> new EndpointChannel(key, AsyncLink.forEndpoint(key, tcpClient, io, network), defaults,
                        scheduler, clock));
    }

    /** The transport's own lanes take a completion also once closed; another lane refuses it then, and it runs here. */
    private static Executor completionsIn(DriverLane lane) {
        Objects.requireNonNull(lane, "lane");
        return lane instanceof SharedDriverLane shared ? shared::complete : lane;
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
