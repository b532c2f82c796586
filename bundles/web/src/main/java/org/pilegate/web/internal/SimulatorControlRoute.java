package org.pilegate.web.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.routing.GatewayHttpServer;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.Fault;
import org.pilegate.sim.PileSnapshot;
import org.pilegate.sim.SimulatedVehicle;

/**
 * The simulated depot's controls on the dashboard, as the {@code pilegate:sim-*} shell commands offer them; every path
 * needs an operator sign-in. Simulated piles are named as their provisioned configurations are: sim-01 is the first.
 * <ul>
 * <li>{@code GET /api/operator/simulator}: each simulated pile's plug, vehicle, contactor, power and energy
 * register.</li>
 * <li>{@code POST /api/operator/simulator/plug} {@code {"pile":"sim-02","vehicle":"EV-1","socPercent":50,
 * "capacityWh":60000,"maxPowerW":11000}} (all but pile and vehicle optional).</li>
 * <li>{@code POST /api/operator/simulator/unplug} {@code {"pile":"sim-02"}}.</li>
 * <li>{@code POST /api/operator/simulator/fault} {@code {"pile":"sim-02","device":"meter","fault":"no-reply"}}:
 * no-reply, exception, drop or corrupt; none clears it.</li>
 * </ul>
 * The routes exist while a simulator runs; without one they answer 404, and a gateway without the simulator bundle
 * (a real depot) never loads this class: the bundle imports the simulator's package optionally.
 */
@Component(service = RouteBuilder.class)
public class SimulatorControlRoute extends ApiRoute {

    static final long DEFAULT_CAPACITY_WH = 60_000;
    static final int DEFAULT_SOC_PERCENT = 20;
    private static final Pattern NAME = Pattern.compile("sim-0*(\\d{1,6})");
    /** Modbus exception code 4: server device failure, what a broken meter answers. */
    private static final int DEVICE_FAILURE = 4;

    record SimulatedPileView(String pile, String plug, Optional<String> vehicle, Optional<Integer> socPercent,
            boolean contactorClosed, int currentLimitA, long powerW, long energyWh) {

        static SimulatedPileView of(String pile, PileSnapshot snapshot) {
            return new SimulatedPileView(pile, snapshot.plugState().name(),
                    snapshot.vehicle().map(vehicle -> vehicle.id().value()),
                    snapshot.vehicle().map(vehicle -> (int) Math.round(vehicle.stateOfCharge() * 100)),
                    snapshot.contactorClosed(), snapshot.currentLimitA(), snapshot.powerW(), snapshot.energyWh());
        }
    }

    record Simulator(List<SimulatedPileView> piles) {
    }

    record Plug(String pile, String vehicle, Optional<Integer> socPercent, Optional<Long> capacityWh,
            Optional<Long> maxPowerW) {
    }

    record Unplug(String pile) {
    }

    record InjectFault(String pile, String device, String fault) {
    }

    private final GatewayHttpServer http;
    private final OperatorAccess access;
    private final DepotSimulator depot;

    @Activate
    public SimulatorControlRoute(@Reference(name = "http") GatewayHttpServer http,
            @Reference(name = "access") OperatorAccess access, @Reference(name = "depot") DepotSimulator depot) {
        this.http = http;
        this.access = access;
        this.depot = depot;
    }

    @Override
    void routes() {
        from(http.httpUri("/api/operator/simulator", "GET")).routeId("operator-simulator")
                .process(exchange -> operator(exchange, access))
                .process(this::overview);
        from(http.httpUri("/api/operator/simulator/plug", "POST")).routeId("operator-simulator-plug")
                .process(exchange -> operator(exchange, access))
                .process(this::plug);
        from(http.httpUri("/api/operator/simulator/unplug", "POST")).routeId("operator-simulator-unplug")
                .process(exchange -> operator(exchange, access))
                .process(this::unplug);
        from(http.httpUri("/api/operator/simulator/fault", "POST")).routeId("operator-simulator-fault")
                .process(exchange -> operator(exchange, access))
                .process(this::fault);
    }

    private void overview(Exchange exchange) {
        respond(exchange, 200, new Simulator(IntStream.range(0, depot.pileCount())
                .mapToObj(index -> SimulatedPileView.of(name(index), depot.snapshot(index)))
                .toList()));
    }

    private void plug(Exchange exchange) {
        Plug plug = body(exchange, Plug.class);
        int index = index(depot, plug.pile());
        if (plug.vehicle() == null || plug.vehicle().isBlank()) {
            throw ApiRefusal.badRequest("vehicle is required, e.g. EV-DEMO-1");
        }
        int soc = plug.socPercent().orElse(DEFAULT_SOC_PERCENT);
        if (soc < 0 || soc > 100) {
            throw ApiRefusal.badRequest("socPercent must be 0..100, not " + soc);
        }
        depot.plug(index, new SimulatedVehicle(new VehicleId(plug.vehicle().strip()),
                plug.capacityWh().orElse(DEFAULT_CAPACITY_WH), soc / 100.0,
                plug.maxPowerW().orElse(SimulatedVehicle.DEFAULT_MAX_POWER_W)));
        respond(exchange, 200, SimulatedPileView.of(name(index), depot.snapshot(index)));
    }

    private void unplug(Exchange exchange) {
        int index = index(depot, body(exchange, Unplug.class).pile());
        depot.unplug(index);
        respond(exchange, 200, SimulatedPileView.of(name(index), depot.snapshot(index)));
    }

    private void fault(Exchange exchange) {
        InjectFault request = body(exchange, InjectFault.class);
        int index = index(depot, request.pile());
        DeviceKind device = device(request.device());
        String fault = request.fault() == null ? "none" : request.fault().strip().toLowerCase(Locale.ROOT);
        switch (fault) {
            case "none" -> depot.clearFault(index, device);
            case "no-reply" -> depot.injectFault(index, device, Fault.noReply());
            case "exception" -> depot.injectFault(index, device, Fault.exception(DEVICE_FAILURE));
            case "drop" -> depot.injectFault(index, device, Fault.dropConnection());
            case "corrupt" -> depot.injectFault(index, device, Fault.corrupt(Fault.Corruption.RANDOM_BYTES));
            default -> throw ApiRefusal.badRequest("fault must be no-reply, exception, drop, corrupt or none, not '"
                    + request.fault() + "'");
        }
        respond(exchange, 200, SimulatedPileView.of(name(index), depot.snapshot(index)));
    }

    static String name(int index) {
        return String.format(Locale.ROOT, "sim-%02d", index + 1);
    }

    /** The index of simulated pile {@code name}, e.g. 6 for "sim-07". */
    static int index(DepotSimulator depot, String name) {
        Matcher matcher = NAME.matcher(name == null ? "" : name.strip());
        int index = matcher.matches() ? Integer.parseInt(matcher.group(1)) - 1 : -1;
        if (index < 0 || index >= depot.pileCount()) {
            throw ApiRefusal.badRequest("pile: '" + name + "' is not a simulated pile; they are sim-01 to "
                    + name(depot.pileCount() - 1));
        }
        return index;
    }

    private static DeviceKind device(String name) {
        try {
            return DeviceKind.valueOf(String.valueOf(name).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiRefusal.badRequest("device must be meter or relay, not '" + name + "'");
        }
    }
}
