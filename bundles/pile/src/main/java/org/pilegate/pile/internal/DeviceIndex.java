package org.pilegate.pile.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running devices of one kind by id, and who follows which id. Each device and each follow is one map step, so a
 * depot of thousands of piles starts in time proportional to its size (a filtered service tracker per pile made
 * every registration visit every pile's filter). Of two devices with one id the first is used; the second takes over
 * when the first goes. Changes are serialised; looking a device up takes no lock, so a pile may do it from within its
 * own subscriptions.
 */
final class DeviceIndex<D> {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceIndex.class);

    private final String kind;
    private final Function<D, String> idOf;
    private final Map<String, Slot<D>> slots = new ConcurrentHashMap<>();

    DeviceIndex(String kind, Function<D, String> idOf) {
        this.kind = kind;
        this.idOf = idOf;
    }

    synchronized void added(D device) {
        Slot<D> slot = slots.computeIfAbsent(idOf.apply(device), id -> new Slot<>());
        if (slot.devices.contains(device)) {
            return;
        }
        slot.devices.add(device);
        if (slot.devices.size() == 1) {
            slot.inUse = device;
            slot.followers.forEach(follower -> follower.start(device));
        } else {
            LOG.warn("Two {}s have the id {}: the first one started is used", kind, idOf.apply(device));
        }
    }

    synchronized void removed(D device) {
        String id = idOf.apply(device);
        Slot<D> slot = slots.get(id);
        if (slot == null) {
            return;
        }
        boolean wasUsed = !slot.devices.isEmpty() && slot.devices.get(0) == device;
        slot.devices.remove(device);
        if (wasUsed) {
            slot.inUse = slot.devices.isEmpty() ? null : slot.devices.get(0);
            slot.followers.forEach(Follower::stop);
            slot.current().ifPresent(next -> slot.followers.forEach(follower -> follower.start(next)));
        }
        forgetIfUnused(id, slot);
    }

    synchronized AutoCloseable follow(String id, Function<D, AutoCloseable> subscribe) {
        Slot<D> slot = slots.computeIfAbsent(id, unused -> new Slot<>());
        Follower<D> follower = new Follower<>(id, subscribe);
        slot.followers.add(follower);
        slot.current().ifPresent(follower::start);
        return () -> unfollow(id, follower);
    }

    Optional<D> device(String id) {
        Slot<D> slot = slots.get(id);
        return slot == null ? Optional.empty() : slot.current();
    }

    private synchronized void unfollow(String id, Follower<D> follower) {
        Slot<D> slot = slots.get(id);
        if (slot != null && slot.followers.remove(follower)) {
            follower.stop();
            forgetIfUnused(id, slot);
        }
    }

    private void forgetIfUnused(String id, Slot<D> slot) {
        if (slot.devices.isEmpty() && slot.followers.isEmpty()) {
            slots.remove(id);
        }
    }

    private static final class Slot<D> {
        final List<D> devices = new ArrayList<>(1);
        final List<Follower<D>> followers = new ArrayList<>(1);
        volatile D inUse;

        Optional<D> current() {
            return Optional.ofNullable(inUse);
        }
    }

    /** One follow of an id: its subscription to the device in use, if any. */
    private static final class Follower<D> {
        private final String id;
        private final Function<D, AutoCloseable> subscribe;
        private AutoCloseable subscription;

        Follower(String id, Function<D, AutoCloseable> subscribe) {
            this.id = id;
            this.subscribe = subscribe;
        }

        void start(D device) {
            subscription = subscribe.apply(device);
        }

        void stop() {
            if (subscription == null) {
                return;
            }
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing the subscription to {} failed", id, e);
            }
            subscription = null;
        }
    }
}
