package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.junit.jupiter.api.Test;

class NodeFactoryTest {

    private final DetachedNodes context = new DetachedNodes();
    private final List<NodeId> changed = new CopyOnWriteArrayList<>();
    private final NodeFactory factory = new NodeFactory(context, Unsigned.ushort(2), (node, attribute, value) -> {
        if (attribute == AttributeId.Value) {
            changed.add(node.getNodeId());
        }
    });

    @Test
    void aVariableIsNamedByItsPathBelowItsParentAndWaitsForItsFirstValue() {
        UaObjectNode site = factory.object("Site", "Site", "The depot.");
        UaVariableNode count = factory.plain(site, "PileCount", Identifiers.UInt32, "How many piles.");

        assertEquals(new NodeId(2, "Site/PileCount"), count.getNodeId());
        assertTrue(context.getNodeManager().containsNode(count.getNodeId()));
        assertEquals(new StatusCode(StatusCodes.Bad_WaitingForInitialData), count.getValue().getStatusCode());
    }

    @Test
    void aValueIsSetAndPushedOnlyWhenItOrItsQualityChanges() {
        UaObjectNode site = factory.object("Site", "Site", "The depot.");
        UaVariableNode power = factory.plain(site, "TotalPowerW", Identifiers.Int64, "Power.");

        NodeFactory.set(power, new Variant(11_000L), StatusCode.GOOD, DateTime.now());
        NodeFactory.set(power, new Variant(11_000L), StatusCode.GOOD, DateTime.now());
        NodeFactory.set(power, new Variant(11_000L), new StatusCode(StatusCodes.Uncertain_LastUsableValue),
                DateTime.now());
        NodeFactory.set(power, new Variant(7_000L), new StatusCode(StatusCodes.Uncertain_LastUsableValue),
                DateTime.now());

        assertEquals(List.of(power.getNodeId(), power.getNodeId(), power.getNodeId()), changed);
        assertEquals(new Variant(7_000L), power.getValue().getValue());
    }
}
