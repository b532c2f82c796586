package org.pilegate.sim.internal;

import java.util.Objects;
import java.util.function.LongSupplier;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.sim.DeviceKind;

/**
 * The piles of a simulated depot and their devices, spread over ports the way piles are wired to Modbus TCP
 * gateways: pile {@code i} is behind port number {@code i / pilesPerPort}, and there, with
 * {@code k = i % pilesPerPort}, its meter answers as unit {@code 2k+1} and its relay as unit {@code 2k+2}. Unit
 * ids thus stay within 1..246, which allows at most {@value #MAX_PILES_PER_PORT} piles per port.
 */
final class Depot {

    static final int MAX_PILES_PER_PORT = 123;

    private final int pilesPerPort;
    private final Pile[] piles;
    private final SimulatedMeter[] meters;
    private final SimulatedRelay[] relays;

    /** @throws org.pilegate.device.profile.InvalidProfileException if a profile cannot be served */
    Depot(int pileCount, int pilesPerPort, MeterProfile meterProfile, RelayProfile relayProfile,
            LongSupplier nanoClock) {
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
            piles[i] = new Pile(i, nanoClock);
            meters[i] = new SimulatedMeter(piles[i], meterProfile, meterMap);
            relays[i] = new SimulatedRelay(piles[i], relayProfile, relayMap);
        }
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

    /** Moves every pile to the present. */
    void advance() {
        for (Pile pile : piles) {
            pile.advance();
        }
    }
}
