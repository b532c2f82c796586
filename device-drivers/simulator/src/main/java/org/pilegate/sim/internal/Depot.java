package org.pilegate.sim.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

import org.pilegate.api.site.Phase;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.SiteLoad;

/**
 * The piles of a simulated depot and their devices, spread over ports the way piles are wired to Modbus TCP
 * gateways: pile {@code i} is behind port number {@code i / pilesPerPort}, and there, with
 * {@code k = i % pilesPerPort}, its meter answers as unit {@code 2k+1} and its relay as unit {@code 2k+2}. Unit
 * ids thus stay within 1..246, which allows at most {@value #MAX_PILES_PER_PORT} piles per port. The site meter, if
 * the depot has one, answers as unit {@value #SITE_METER_UNIT} on the first port. Pile {@code i} is wired to the
 * phases of wiring {@code i % wirings.size()}.
 */
final class Depot {

    static final int MAX_PILES_PER_PORT = 123;
    static final int SITE_METER_UNIT = 247;
    /** Three-phase piles with the phases rotated from one to the next, as a depot balances its load. */
    static final List<List<Phase>> ROTATED = List.of(List.of(Phase.L1, Phase.L2, Phase.L3),
            List.of(Phase.L2, Phase.L3, Phase.L1), List.of(Phase.L3, Phase.L1, Phase.L2));

    private final int pilesPerPort;
    private final Pile[] piles;
    private final SimulatedMeter[] meters;
    private final SimulatedRelay[] relays;
    private final Optional<SimulatedSiteMeter> siteMeter;

    /** A depot of three-phase piles {@linkplain #ROTATED rotated}, without a site meter. */
    Depot(int pileCount, int pilesPerPort, MeterProfile meterProfile, RelayProfile relayProfile,
            LongSupplier nanoClock) {
        this(pileCount, pilesPerPort, meterProfile, relayProfile, nanoClock, ROTATED, Optional.empty());
    }

    /** @throws org.pilegate.device.profile.InvalidProfileException if a profile cannot be served */
    Depot(int pileCount, int pilesPerPort, MeterProfile meterProfile, RelayProfile relayProfile,
            LongSupplier nanoClock, List<List<Phase>> wirings, Optional<BaseLoadProfile> baseLoad) {
        if (pilesPerPort < 1 || pilesPerPort > MAX_PILES_PER_PORT) {
            throw new IllegalArgumentException("pilesPerPort must be 1.." + MAX_PILES_PER_PORT + ": " + pilesPerPort);
        }
        this.pilesPerPort = pilesPerPort;
        RegisterMap meterMap = SimulatedMeter.registerMap(meterProfile);
        RegisterMap relayMap = SimulatedRelay.registerMap(relayProfile);
        piles = new Pile[pileCount];
        meters = new SimulatedMeter[pileCount];
        relays = new SimulatedRelay[pileCount];
        for (int i = 0; i < pileCount; i++) {
            piles[i] = new Pile(i, nanoClock, wirings.get(i % wirings.size()));
            meters[i] = new SimulatedMeter(piles[i], meterProfile, meterMap);
            relays[i] = new SimulatedRelay(piles[i], relayProfile, relayMap);
        }
        siteMeter = baseLoad.map(load -> new SimulatedSiteMeter(load, meterProfile, nanoClock));
    }

    int pileCount() {
        return piles.length;
    }

    int portCount() {
        return (piles.length + pilesPerPort - 1) / pilesPerPort;
    }

    int portIndex(int pile) {
        return Objects.checkIndex(pile, piles.length) / pilesPerPort;
    }

    int meterUnitId(int pile) {
        return 2 * (Objects.checkIndex(pile, piles.length) % pilesPerPort) + 1;
    }

    int relayUnitId(int pile) {
        return meterUnitId(pile) + 1;
    }

    /** The devices behind port number {@code port}. */
    UnitTable units(int port) {
        UnitTable units = new UnitTable();
        int first = Objects.checkIndex(port, portCount()) * pilesPerPort;
        for (int pile = first; pile < Math.min(first + pilesPerPort, piles.length); pile++) {
            units.put(meterUnitId(pile), meters[pile]).put(relayUnitId(pile), relays[pile]);
        }
        if (port == 0) {
            siteMeter.ifPresent(meter -> units.put(SITE_METER_UNIT, meter));
        }
        return units;
    }

    Pile pile(int pile) {
        return piles[Objects.checkIndex(pile, piles.length)];
    }

    SimulatedRelay relay(int pile) {
        return relays[Objects.checkIndex(pile, piles.length)];
    }

    SimulatedDevice device(int pile, DeviceKind kind) {
        return kind == DeviceKind.METER ? meters[Objects.checkIndex(pile, piles.length)] : relay(pile);
    }

    /** Tells {@code watch} of every pile's relay answering what shows its plug; {@link PlugWatch#NONE} stops it. */
    void watchPlugs(PlugWatch watch) {
        for (SimulatedRelay relay : relays) {
            relay.watch(watch);
        }
    }

    OptionalInt siteMeterUnitId() {
        return siteMeter.isPresent() ? OptionalInt.of(SITE_METER_UNIT) : OptionalInt.empty();
    }

    /** The building's load as the site meter last read it (none without one) and every pile's current now. */
    SiteLoad siteLoad() {
        long[] building = siteMeter.map(SimulatedSiteMeter::currentsMa).orElseGet(() -> new long[3]);
        long[] total = building.clone();
        for (Pile pile : piles) {
            pile.addTo(total);
        }
        return new SiteLoad(building, total);
    }

    /** Moves every pile to the present. */
    void advance() {
        for (Pile pile : piles) {
            pile.advance();
        }
    }
}
