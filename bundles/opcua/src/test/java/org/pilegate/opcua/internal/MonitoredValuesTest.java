package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;

/** Values pushed to the monitored items on the piles' nodes, made on demand, without a server. */
class MonitoredValuesTest {

    private static final PileId BAY_1 = new PileId("bay-01");
    private static final PileId BAY_2 = new PileId("bay-02");

    private final PileNodeIds ids = new PileNodeIds(Unsigned.ushort(2));
    private final Map<PileId, PileView> piles = new ConcurrentHashMap<>();
    private final PileNodeManager nodes = new PileNodeManager(() -> {
        throw new UnsupportedOperationException("no server: these nodes are not served");
    }, ids, piles);
    /** No server: a plain Value is read without one. */
    private final MonitoredValues monitored = new MonitoredValues(null, nodes::getNode, ids);
    private final List<DataValue> power = new CopyOnWriteArrayList<>();
    private final DataItem powerItem = item(ids.variable(BAY_1, PileVariable.POWER), power);

    MonitoredValuesTest() {
        show("bay-01");
        show("bay-02");
    }

    @Test
    void anItemGetsTheValueWhenCreatedAndOnEveryChange() {
        monitored.created(List.of(powerItem));
        set(BAY_1, PileVariable.POWER, 7_000L);
        set(BAY_1, PileVariable.POWER, 7_000L);
        set(BAY_1, PileVariable.POWER, 7_400L);

        assertEquals(List.of(new StatusCode(StatusCodes.Bad_WaitingForInitialData), StatusCode.GOOD, StatusCode.GOOD),
                power.stream().map(DataValue::getStatusCode).toList());
        assertEquals(new Variant(7_400L), power.get(2).getValue());
    }

    @Test
    void aPileIsWatchedWhileAnItemIsOnOneOfItsNodes() {
        DataItem meterItem = item(ids.meter(BAY_1), new CopyOnWriteArrayList<>());
        monitored.created(List.of(powerItem, meterItem));
        assertTrue(monitored.watches(BAY_1));
        assertFalse(monitored.watches(BAY_2));

        monitored.deleted(List.of(powerItem));
        assertTrue(monitored.watches(BAY_1), "its Meter object still is");
        monitored.deleted(List.of(meterItem, meterItem));
        assertFalse(monitored.watches(BAY_1));

        set(BAY_1, PileVariable.POWER, 7_000L);
        assertEquals(1, power.size(), "only the value when it was created");
    }

    @Test
    void theItemsOnARemovedPileHearItsNodesAreGone() {
        List<DataValue> meterObject = new CopyOnWriteArrayList<>();
        monitored.created(List.of(powerItem, item(ids.meter(BAY_1), meterObject)));
        piles.remove(BAY_1);

        monitored.removed(BAY_1);

        assertEquals(new StatusCode(StatusCodes.Bad_NodeIdUnknown), power.get(1).getStatusCode());
        assertEquals(new StatusCode(StatusCodes.Bad_NodeIdUnknown), meterObject.get(1).getStatusCode());
    }

    private void show(String pile) {
        FakePileController controller = new FakePileController(pile, 0);
        piles.put(controller.id(), new PileView(controller, piles.size(), Optional.empty(), monitored::changed));
    }

    private void set(PileId pile, PileVariable variable, long value) {
        piles.get(pile).set(variable, new Variant(value), StatusCode.GOOD, DateTime.now());
    }

    /** An enabled item on the node's Value that keeps what it is given. */
    private static DataItem item(NodeId node, List<DataValue> values) {
        ReadValueId readValueId = new ReadValueId(node, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE);
        return (DataItem) Proxy.newProxyInstance(DataItem.class.getClassLoader(), new Class<?>[] {DataItem.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getReadValueId" -> readValueId;
                    case "getTimestampsToReturn" -> TimestampsToReturn.Both;
                    case "isSamplingEnabled" -> true;
                    case "setValue" -> values.add((DataValue) args[0]);
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "item on " + node;
                    default -> null;
                });
    }
}
