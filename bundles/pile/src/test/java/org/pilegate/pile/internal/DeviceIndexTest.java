package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DeviceIndexTest {

    /** A device: its id and a name to tell two with one id apart. */
    private record Device(String id, String name) {
    }

    private final DeviceIndex<Device> index = new DeviceIndex<>("meter", Device::id);
    private final List<String> seen = new ArrayList<>();

    private AutoCloseable follow(String id) {
        return index.follow(id, device -> {
            seen.add("+" + device.name());
            return () -> seen.add("-" + device.name());
        });
    }

    @Test
    void aFollowerIsSubscribedWhicheverComesFirstAndOnlyToItsOwnId() throws Exception {
        Device early = new Device("bay-01", "early");
        index.added(early);
        index.added(new Device("bay-02", "neighbour"));
        follow("bay-01");
        follow("bay-03");
        index.added(new Device("bay-03", "late"));

        assertEquals(List.of("+early", "+late"), seen);
        assertEquals(Optional.of(early), index.device("bay-01"));
        assertEquals(Optional.empty(), index.device("bay-04"));
    }

    @Test
    void aDeviceThatGoesIsLetGoAndOneThatComesBackIsTakenUpAgain() throws Exception {
        Device first = new Device("bay-01", "first");
        follow("bay-01");
        index.added(first);
        index.removed(first);
        assertEquals(Optional.empty(), index.device("bay-01"));
        index.added(new Device("bay-01", "replaced"));

        assertEquals(List.of("+first", "-first", "+replaced"), seen);
    }

    @Test
    void ofTwoDevicesWithOneIdTheFirstIsUsedAndTheSecondTakesOverWhenItGoes() throws Exception {
        Device first = new Device("bay-01", "first");
        Device second = new Device("bay-01", "second");
        index.added(first);
        index.added(second);
        index.added(first);
        follow("bay-01");
        index.removed(first);
        assertEquals(Optional.of(second), index.device("bay-01"), "the first counted once");
        index.removed(second);

        assertEquals(List.of("+first", "-first", "+second", "-second"), seen);
    }

    @Test
    void anEndedFollowUnsubscribesOnceAndLeavesNothingBehind() throws Exception {
        Device device = new Device("bay-01", "device");
        index.added(device);
        AutoCloseable following = follow("bay-01");

        following.close();
        following.close();
        index.removed(device);
        index.added(device);

        assertEquals(List.of("+device", "-device"), seen);
    }
}
