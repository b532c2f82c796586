package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ocpp.ChargePoint;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;
import org.pilegate.api.pile.PileId;

class PileConnectorsTest {

    private final PileConnectors connectors = new PileConnectors();

    @Test
    void anOcppPileIsTheConnectorItsIdEndsIn() {
        connectors.refresh(Optional.of(registry(() -> List.of(chargePoint("cp-A", 2), chargePoint("cp-B", 1)))));

        assertEquals(OptionalInt.of(2), connectors.connectorOf(new PileId("cp-A-2")));
        assertEquals(OptionalInt.of(1), connectors.connectorOf(new PileId("cp-B-1")));
        assertEquals(OptionalInt.empty(), connectors.connectorOf(new PileId("cp-A-3")), "no third connector");
        assertEquals(OptionalInt.empty(), connectors.connectorOf(new PileId("bay-07")), "a Modbus pile");
    }

    @Test
    void withoutTheRegistryNoPileIsAKnownConnector() {
        connectors.refresh(Optional.of(registry(() -> List.of(chargePoint("cp-A", 2)))));

        connectors.refresh(Optional.empty());

        assertEquals(OptionalInt.empty(), connectors.connectorOf(new PileId("cp-A-2")));
    }

    @Test
    void aRegistryThatCannotBeReadLeavesTheConnectorsKnownBefore() {
        connectors.refresh(Optional.of(registry(() -> List.of(chargePoint("cp-A", 2)))));

        connectors.refresh(Optional.of(registry(() -> {
            throw new IllegalStateException("cannot list the charge points");
        })));

        assertEquals(OptionalInt.of(2), connectors.connectorOf(new PileId("cp-A-2")));
    }

    @Test
    void pilesArrivingTogetherAreOneReadingOfTheRegistry() {
        AtomicInteger readings = new AtomicInteger();
        ChargePoints registry = registry(() -> {
            readings.incrementAndGet();
            return List.of(chargePoint("cp-A", 2));
        });
        List<Runnable> queued = new ArrayList<>();

        for (int pile = 0; pile < 100; pile++) {
            connectors.refreshSoon(() -> Optional.of(registry), queued::add);
        }
        assertEquals(1, queued.size(), "one reading queued for a hundred piles");
        queued.remove(0).run();
        connectors.refreshSoon(() -> Optional.of(registry), queued::add);

        assertEquals(1, readings.get());
        assertEquals(OptionalInt.of(2), connectors.connectorOf(new PileId("cp-A-2")));
        assertEquals(1, queued.size(), "a pile after that reading asks for another");
    }

    static ChargePoint chargePoint(String id, int connectors) {
        return new ChargePoint(new ChargePointId(id), connectors, Instant.EPOCH, true, Optional.empty());
    }

    /** A registry that only lists. */
    static ChargePoints registry(Supplier<List<ChargePoint>> list) {
        return new ChargePoints() {

            @Override
            public String add(ChargePointId id, int connectors) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean remove(ChargePointId id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<ChargePoint> list() {
                return list.get();
            }

            @Override
            public CompletionStage<String> call(ChargePointId id, String action, String payloadJson) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
