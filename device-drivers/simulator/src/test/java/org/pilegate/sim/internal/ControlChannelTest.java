package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.sim.PileAddress;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

/** Another process plugs and unplugs vehicles over the control channel and learns when a poller could see it. */
class ControlChannelTest {

    private static final RegisterPoint PLUG_STATE = Fixtures.RELAY.plugState();
    private static final VehicleIdBlock VEHICLE_ID = Fixtures.RELAY.vehicleId().orElseThrow();
    private static final int READ_TIMEOUT_MILLIS = 2000;

    private Simulation depot;
    private ControlChannel channel;
    private Socket socket;
    private BufferedReader in;
    private Writer out;
    private ModbusTCPMaster poller;
    private PileAddress pile3;

    @BeforeEach
    void start() throws Exception {
        depot = Fixtures.start(4, 2);
        channel = ControlChannel.open(depot, 0);
        socket = new Socket(InetAddress.getLoopbackAddress(), channel.port());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        pile3 = depot.address(3);
        poller = Fixtures.client(pile3, 1000);
    }

    @AfterEach
    void stop() throws IOException {
        poller.disconnect();
        socket.close();
        channel.close();
        depot.close();
    }

    @Test
    void answersWhatTheDepotIs() throws Exception {
        assertEquals("ok 4", ask("piles"));
        assertEquals("ok 127.0.0.1 " + pile3.port() + " 3 4", ask("address 3"));
    }

    @Test
    void plugsAndUnplugsWithTheMomentOnTheCallersClock() throws Exception {
        long before = System.nanoTime();
        long plugged = nanos(ask("plug 3 EV-CONTROL-1 40000 50"));
        long unplugged = nanos(ask("unplug 3"));
        long after = System.nanoTime();
        assertTrue(before <= plugged && plugged <= unplugged && unplugged <= after,
                "one clock for both processes: " + before + " <= " + plugged + " <= " + unplugged + " <= " + after);
        assertEquals(PlugState.A, depot.snapshot(3).plugState());
        long clock = nanos(ask("clock"));
        assertTrue(after <= clock && clock <= System.nanoTime());
    }

    @Test
    void tellsWhenTheRelayFirstShowedTheVehicleToAPoller() throws Exception {
        long plugged = nanos(ask("plug 3 EV-CONTROL-3"));
        assertEquals(Optional.of(new VehicleId("EV-CONTROL-3")), depot.snapshot(3).vehicle().map(v -> v.id()));
        // the plug state alone does not show a driver who is there; the vehicle's id does
        Fixtures.read(poller, pile3.relayUnitId(), PLUG_STATE);
        assertNull(pending());
        readVehicleId();
        String seen = in.readLine();
        assertTrue(seen.startsWith("seen 3 plugged "), seen);
        assertTrue(nanos(seen) >= plugged);
        // only the first sighting is told
        readVehicleId();
        assertNull(pending());

        long unplugged = nanos(ask("unplug 3"));
        Fixtures.read(poller, pile3.relayUnitId(), PLUG_STATE);
        String gone = in.readLine();
        assertTrue(gone.startsWith("seen 3 unplugged "), gone);
        assertTrue(nanos(gone) >= unplugged);
    }

    @Test
    void refusesWhatItCannotDoAndGoesOn() throws Exception {
        assertTrue(ask("plug 9 EV-1").startsWith("error "));
        assertTrue(ask("plug 1 VEHICLE-ID-TOO-LONG-FOR-THE-RELAY").startsWith("error "));
        assertTrue(ask("unplug").startsWith("error unplug <pile>"));
        assertTrue(ask("fly 1").startsWith("error unknown request 'fly'"));
        assertEquals("ok 4", ask("piles"));
    }

    private void readVehicleId() throws Exception {
        Fixtures.read(poller, pile3.relayUnitId(), VEHICLE_ID.function(), VEHICLE_ID.address(), VEHICLE_ID.registers());
    }

    private String ask(String request) throws IOException {
        out.write(request + "\n");
        out.flush();
        return in.readLine();
    }

    /** A line that came unasked within a short while, or null. */
    private String pending() throws IOException {
        socket.setSoTimeout(200);
        try {
            return in.readLine();
        } catch (java.net.SocketTimeoutException none) {
            return null;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    private static long nanos(String line) {
        String[] words = line.split(" ");
        return Long.parseLong(words[words.length - 1]);
    }
}
