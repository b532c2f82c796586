package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.sim.PileAddress;

/** Byte-level behaviour of the server: frames split over reads, several in one read, and many clients. */
class FramingTest {

    /** Pile 0's meter (unit 1): read input registers 0..1, voltage L1. */
    private static final String READ_VOLTAGE = "04" + "0000" + "0002";
    /** Voltage L1 of pile 0: 229.0 V as float32. */
    private static final String VOLTAGE_ANSWER = "0000" + "0007" + "01" + "04" + "04" + "43650000";

    private final Simulation depot = Fixtures.start(2, 2);
    private final PileAddress pile0 = depot.address(0);

    @AfterEach
    void stop() {
        depot.close();
    }

    private static String answer(int transaction) {
        return String.format("%04x", transaction) + VOLTAGE_ANSWER;
    }

    @Test
    void waitsForTheRestOfASplitFrame() throws IOException {
        byte[] request = RawClient.request(7, 1, READ_VOLTAGE);
        try (RawClient client = new RawClient(pile0)) {
            client.send(Arrays.copyOfRange(request, 0, 5));
            assertTrue(client.silentFor(100), "answered half a header");
            client.send(Arrays.copyOfRange(request, 5, 9));
            assertTrue(client.silentFor(100), "answered half a PDU");
            for (int i = 9; i < request.length; i++) {
                client.send(new byte[] {request[i]});
            }
            assertEquals(answer(7), client.readFrame());
        }
    }

    @Test
    void answersSeveralFramesFromOneWriteInOrder() throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(RawClient.request(1, 1, READ_VOLTAGE));
        // relay of pile 0: read coil 0, the open contactor
        frames.writeBytes(RawClient.request(2, 2, "01" + "0000" + "0001"));
        frames.writeBytes(RawClient.request(3, 1, READ_VOLTAGE));
        byte[] halfOfFourth = Arrays.copyOf(RawClient.request(4, 1, READ_VOLTAGE), 8);
        frames.writeBytes(halfOfFourth);
        try (RawClient client = new RawClient(pile0)) {
            client.send(frames.toByteArray());
            assertEquals(answer(1), client.readFrame());
            assertEquals("0002" + "0000" + "0004" + "02" + "01" + "01" + "00", client.readFrame());
            assertEquals(answer(3), client.readFrame());
            client.send(Arrays.copyOfRange(RawClient.request(4, 1, READ_VOLTAGE), 8, 12));
            assertEquals(answer(4), client.readFrame());
        }
    }

    @Test
    void answersABurstOfPipelinedRequests() throws Exception {
        int requests = 5_000;
        try (RawClient client = new RawClient(pile0)) {
            // written while answers are read, so that the server's back-pressure, not the test, sets the pace
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < requests; i++) {
                        client.send(RawClient.request(i, 1, READ_VOLTAGE));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            for (int i = 0; i < requests; i++) {
                assertEquals(answer(i), client.readFrame());
            }
            writer.join();
        }
    }

    @Test
    void answersUnknownFunctionsWithIllegalFunction() throws IOException {
        try (RawClient client = new RawClient(pile0)) {
            client.send(RawClient.request(9, 1, "2b" + "0e0100"));
            assertEquals("0009" + "0000" + "0003" + "01" + "ab" + "01", client.readFrame());
        }
    }

    @Test
    void closesConnectionsThatDoNotSpeakModbusTcp() throws IOException {
        byte[] request = RawClient.request(5, 1, READ_VOLTAGE);
        request[3] = 1;
        try (RawClient client = new RawClient(pile0)) {
            client.send(request);
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void servesManyConnectionsAtOnce() throws IOException {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                RawClient client = new RawClient(pile0);
                clients.add(client);
                client.send(RawClient.request(i, 1, READ_VOLTAGE));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertEquals(answer(i), clients.get(i).readFrame());
            }
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
    }
}
