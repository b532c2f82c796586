package org.pilegate.ocpp16.internal;

import java.time.Duration;
import java.util.function.Consumer;

import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a charge point's connection or boot: its transactions left unbilled are billed (the gateway stopped
 * between a stop and its bill), each connector is asked for its status and meter register so its pile knows where
 * it stands, and is told what is out of service and its default charging limit; a transaction whose session ended
 * while the charge point was away is stopped.
 */
final class ConnectionStart implements Consumer<ChargePointLink> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStart.class);
    /** Lets the charge point finish its own start-up messages first. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final GatewayThreads threads;
    private final CentralSystemCalls calls;
    private final OperatorAvailability availability;
    private final DefaultProfiles profiles;
    private final Consumer<ChargePointId> billOutstanding;

    ConnectionStart(GatewayThreads threads, CentralSystemCalls calls, OperatorAvailability availability,
            DefaultProfiles profiles, Consumer<ChargePointId> billOutstanding) {
        this.threads = threads;
        this.calls = calls;
        this.availability = availability;
        this.profiles = profiles;
        this.billOutstanding = billOutstanding;
    }

    @Override
    public void accept(ChargePointLink link) {
        threads.workers().execute(() -> billOutstanding.accept(link.id()));
        threads.after(SETTLE, () -> {
            link.connectors().forEach(c -> {
                for (String message : new String[] {"StatusNotification", "MeterValues"}) {
                    link.call("TriggerMessage", calls.trigger(message, c.connectorId())).whenComplete((answer,
                            failure) -> {
                        if (failure != null) {
                            LOG.debug("{}: TriggerMessage {} for connector {}: {}", link.id(), message,
                                    c.connectorId(), failure.getMessage());
                        }
                    });
                }
            });
            availability.afterBoot(link);
            profiles.connected(link);
            link.connectors().forEach(c -> stopIfWanted(link, c));
        });
    }

    /** A transaction whose session ended while the charge point was away is stopped now. */
    private void stopIfWanted(ChargePointLink link, Connector connector) {
        connector.transaction().filter(transaction -> connector.stopWanted()).ifPresent(transaction -> link.call(
                "RemoteStopTransaction", calls.remoteStop(transaction)).whenComplete((answer, failure) -> {
                    if (failure != null || !"Accepted".equals(answer.path("status").asText())) {
                        LOG.warn("{}: transaction {}, whose session ended while it was away, is not stopped: {}",
                                link.id(), transaction, failure != null ? failure.getMessage() : answer);
                    }
                }));
    }
}
