package org.pilegate.sim.internal;

import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.SimulatedVehicle;

/**
 * Brings vehicles and takes them away at random, for demos; run once a second. A free pile sees an arrival about
 * every two minutes; a vehicle leaves about half a minute after it is full, or at random after half an hour.
 */
final class AutoPlugger implements Runnable {

    private static final int ARRIVAL_ODDS = 120;
    private static final int DEPARTURE_ODDS = 1800;
    private static final int DEPARTURE_WHEN_FULL_ODDS = 30;
    private static final int UID_BYTES = 7;
    private static final long[] CHARGER_POWERS_W = {7_400, 11_000, 22_000};

    private final DepotSimulator depot;
    private final RandomGenerator random;
    private final int uidBytes;

    AutoPlugger(DepotSimulator depot, RelayProfile relay, RandomGenerator random) {
        this.depot = depot;
        this.random = random;
        // the relay reports hex text with two characters a byte, or the bytes themselves
        this.uidBytes = relay.vehicleId()
                .map(block -> block.encoding() == VehicleIdBlock.Encoding.HEX ? 2 * block.registers()
                        : block.registers())
                .map(room -> Math.min(UID_BYTES, room))
                .orElse(UID_BYTES);
    }

    @Override
    public void run() {
        for (int pile = 0; pile < depot.pileCount(); pile++) {
            Optional<SimulatedVehicle> vehicle = depot.snapshot(pile).vehicle();
            if (vehicle.isEmpty()) {
                if (random.nextInt(ARRIVAL_ODDS) == 0) {
                    depot.plug(pile, arrival());
                }
            } else if (random.nextInt(vehicle.get().stateOfCharge() >= 1 ? DEPARTURE_WHEN_FULL_ODDS
                    : DEPARTURE_ODDS) == 0) {
                depot.unplug(pile);
            }
        }
    }

    /** A vehicle with an RFID-like UID, a 40..100 kWh battery 10..70 % full and a common on-board charger. */
    SimulatedVehicle arrival() {
        byte[] uid = new byte[uidBytes];
        random.nextBytes(uid);
        // NFC manufacturer code; non-zero, so a right-aligned hex id reads back unchanged
        uid[0] = 0x04;
        return new SimulatedVehicle(new VehicleId(HexFormat.of().withUpperCase().formatHex(uid)),
                40_000 + 1_000L * random.nextInt(61), 0.1 + 0.6 * random.nextDouble(),
                CHARGER_POWERS_W[random.nextInt(CHARGER_POWERS_W.length)]);
    }
}
