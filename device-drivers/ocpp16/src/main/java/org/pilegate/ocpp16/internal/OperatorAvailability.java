package org.pilegate.ocpp16.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An operator taking a connector's pile out of service, or back, reaches the charge point as ChangeAvailability
 * (Inoperative, Operative): the connector then refuses local starts too. A charge point that reconnects is told again
 * what is out of service.
 */
final class OperatorAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorAvailability.class);

    /** A connector and the charge point it belongs to. */
    record Place(ChargePointLink link, Connector connector) {
    }

    private final Function<PileId, Optional<Place>> locate;
    private final CentralSystemCalls calls;
    /** Per pile, whether it was in service at its last status; piles not seen yet are in service. */
    private final Map<PileId, Boolean> inService = new ConcurrentHashMap<>();

    OperatorAvailability(Function<PileId, Optional<Place>> locate, CentralSystemCalls calls) {
        this.locate = locate;
        this.calls = calls;
    }

    /**
     * Follows the pile controllers of charge point connectors.
     *
     * @return closing it stops following them
     */
    AutoCloseable follow(BundleContext context) {
        ServiceTracker<PileController, AutoCloseable> tracker = new ServiceTracker<>(context, PileController.class,
                null) {
            @Override
            public AutoCloseable addingService(ServiceReference<PileController> reference) {
                PileController pile = context.getService(reference);
                if (pile == null || locate.apply(pile.id()).isEmpty()) {
                    context.ungetService(reference);
                    return null;
                }
                onStatus(pile.status());
                return pile.subscribe(OperatorAvailability.this::onStatus);
            }

            @Override
            public void removedService(ServiceReference<PileController> reference, AutoCloseable subscription) {
                try {
                    subscription.close();
                } catch (Exception e) {
                    LOG.debug("Closing a pile subscription failed", e);
                }
                context.ungetService(reference);
            }
        };
        tracker.open();
        return tracker::close;
    }

    /** A pile's status: a change into or out of service goes to its connector, if it is one of a charge point. */
    void onStatus(PileStatus status) {
        boolean available = status.state() != PileState.UNAVAILABLE;
        Boolean before = inService.put(status.pileId(), available);
        if (before != null && before != available) {
            locate.apply(status.pileId()).ifPresent(place -> tell(place, available));
        }
    }

    /** After a charge point booted: its connectors out of service are told so again. */
    void afterBoot(ChargePointLink link) {
        for (Connector connector : link.connectors()) {
            if (!inService.getOrDefault(connector.pile(), true)) {
                tell(new Place(link, connector), false);
            }
        }
    }

    private void tell(Place place, boolean available) {
        ObjectNode request = calls.availability(place.connector().connectorId(), available);
        place.link().call("ChangeAvailability", request).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.warn("{} connector {}: ChangeAvailability {} failed: {}", place.link().id(),
                        place.connector().connectorId(), request.get("type").asText(), failure.getMessage());
            } else {
                LOG.info("{} connector {}: ChangeAvailability {}: {}", place.link().id(),
                        place.connector().connectorId(), request.get("type").asText(), answer.get("status").asText());
            }
        });
    }
}
