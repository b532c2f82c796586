package org.pilegate.sim.internal.ocpp;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured number of simulated OCPP charge points against the gateway's own central system: each is
 * registered anew at start, so its password is a fresh one only it knows, and connects as a real charger would. A
 * changed configuration starts them anew.
 */
@Component(configurationPid = SimulatedChargePointsComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true)
@Designate(ocd = SimulatedChargePointsConfig.class)
public final class SimulatedChargePointsComponent {

    static final String PID = "org.pilegate.sim.ocpp";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedChargePointsComponent.class);

    private final List<ChargePointSocket> sockets = new ArrayList<>();
    private final GatewayThreads.Scheduled sampling;

    @Activate
    public SimulatedChargePointsComponent(SimulatedChargePointsConfig config, @Reference ChargePoints chargePoints,
            @Reference GatewayThreads threads) {
        URI centralSystem = URI.create(config.url());
        HttpClient http = HttpClient.newBuilder().executor(threads.workers()).build();
        List<SimulatedChargePoint> running = new ArrayList<>();
        for (int n = 1; n <= config.count(); n++) {
            ChargePointId id = new ChargePointId(String.format("%s-%02d", config.idPrefix(), n));
            String password = chargePoints.add(id, config.connectors());
            AtomicReference<ChargePointSocket> socket = new AtomicReference<>();
            SimulatedChargePoint chargePoint = new SimulatedChargePoint(id.value(), config.connectors(), threads,
                    Clock.systemUTC(), text -> socket.get().send(text));
            socket.set(new ChargePointSocket(chargePoint, centralSystem, password, http, threads));
            sockets.add(socket.get());
            running.add(chargePoint);
        }
        sockets.forEach(ChargePointSocket::connect);
        sampling = threads.every(SimulatedChargePoint.SAMPLE_EVERY, SimulatedChargePoint.SAMPLE_EVERY,
                () -> running.forEach(SimulatedChargePoint::sample));
        LOG.info("{} simulated OCPP charge point(s) of {} connector(s) connecting to {}", config.count(),
                config.connectors(), centralSystem);
    }

    @Deactivate
    void deactivate() {
        sampling.cancel();
        sockets.forEach(ChargePointSocket::close);
    }
}
