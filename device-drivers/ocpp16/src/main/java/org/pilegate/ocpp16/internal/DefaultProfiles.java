package org.pilegate.ocpp16.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Each connector's TxDefaultProfile: the most a transaction the charge point starts on its own may draw before the
 * gateway sets its TxProfile — the operator's cap on the pile, within what the site's power limit allows one pile
 * alone. Nothing capping, the gateway's default profile is cleared. Told after every connection, once the charge
 * point said which unit it takes limits in, and again whenever the operator's settings change it.
 */
final class DefaultProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultProfiles.class);
    static final String RATE_UNIT_KEY = "ChargingScheduleAllowedChargingRateUnit";

    private final CentralSystemCalls calls;
    private final Supplier<OcppSetup> setup;
    private final Supplier<Optional<DepotControl>> depot;
    /** Per pile, the default limit the charge point accepted last; empty for none. */
    private final Map<PileId, OptionalInt> told = new ConcurrentHashMap<>();

    DefaultProfiles(CentralSystemCalls calls, Supplier<OcppSetup> setup, Supplier<Optional<DepotControl>> depot) {
        this.calls = calls;
        this.setup = setup;
        this.depot = depot;
    }

    /** A new connection: which unit the charge point takes, then every connector's default profile anew. */
    void connected(ChargePointLink link) {
        link.connectors().forEach(c -> told.remove(c.pile()));
        ObjectNode request = calls.configurationKeys(RATE_UNIT_KEY);
        link.call("GetConfiguration", request).whenComplete((answer, failure) -> {
            if (failure == null) {
                answer.path("configurationKey").forEach(key -> {
                    if (RATE_UNIT_KEY.equals(key.path("key").asText())) {
                        link.onlyPower(ChargingRate.onlyPower(key.path("value").asText("")));
                    }
                });
            } else {
                LOG.debug("{}: {} not read ({}); limits go in A", link.id(), RATE_UNIT_KEY, failure.getMessage());
            }
            refresh(link);
        });
    }

    /** Tells each connector whose default limit changed since it was told last. */
    void refresh(ChargePointLink link) {
        if (!link.isConnected()) {
            return;
        }
        for (Connector connector : link.connectors()) {
            OptionalInt limit = limitA(connector.pile());
            if (!limit.equals(told.get(connector.pile()))) {
                tell(link, connector, limit);
            }
        }
    }

    /** The operator's cap on the pile within the site limit's share of one pile; empty when neither caps it. */
    OptionalInt limitA(PileId pile) {
        Optional<DepotControl> control = depot.get();
        if (control.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt cap = control.get().settings(pile).currentLimitA();
        OcppSetup now = setup.get();
        OptionalInt site = control.get().sitePowerLimitW().stream()
                .mapToInt(w -> (int) Math.min(Integer.MAX_VALUE, w / ((long) now.phases() * now.nominalVoltageV())))
                .findFirst();
        if (cap.isPresent() && site.isPresent()) {
            return OptionalInt.of(Math.min(cap.getAsInt(), site.getAsInt()));
        }
        return cap.isPresent() ? cap : site;
    }

    private void tell(ChargePointLink link, Connector connector, OptionalInt limit) {
        boolean set = limit.isPresent();
        ObjectNode request = set
                ? calls.txDefaultProfile(connector.connectorId(), limit.getAsInt(), setup.get().rate(link.onlyPower()))
                : calls.clearTxDefaultProfile(connector.connectorId());
        String action = set ? "SetChargingProfile" : "ClearChargingProfile";
        link.call(action, request).whenComplete((answer, failure) -> {
            String status = failure == null ? answer.path("status").asText() : failure.getMessage();
            // a charge point with no profile of ours to clear answers Unknown: nothing is in force either way
            if (failure == null && ("Accepted".equals(status) || !set)) {
                told.put(connector.pile(), limit);
            }
            LOG.info("{} connector {}: TxDefaultProfile {}: {}", link.id(), connector.connectorId(),
                    set ? limit.getAsInt() + " A" : "cleared", status);
        });
    }
}
