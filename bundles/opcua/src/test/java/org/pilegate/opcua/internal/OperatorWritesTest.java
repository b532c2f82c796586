package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperatorWritesTest {

    private static final ClientIdentity ANNA = new ClientIdentity.Operator("anna");

    private final DetachedNodes context = new DetachedNodes();
    private final NodeFactory factory = new NodeFactory(context, Unsigned.ushort(2), (node, attribute, value) -> { });
    private final List<String> carriedOut = new CopyOnWriteArrayList<>();
    private final NodeId available = new NodeId(2, "Site/Piles/bay-01/Available");
    private final OperatorWrites writes = new OperatorWrites(
            id -> context.getNodeManager().containsNode(id) || id.equals(available),
            id -> id.equals(available)
                    ? Optional.of((operator, value) -> carriedOut.add(operator.name() + " made " + value))
                    : Optional.empty());
    private UaVariableNode limit;
    private UaVariableNode count;

    @BeforeEach
    void nodes() {
        UaObjectNode site = factory.object("Site", "Site", "The depot.");
        limit = factory.plain(site, "GridLimitW", Identifiers.Int64, "The site's limit.");
        count = factory.plain(site, "PileCount", Identifiers.UInt32, "How many piles.");
        writes.allow(limit, (operator, value) -> {
            if (!(value instanceof Long)) {
                throw new UaException(StatusCodes.Bad_TypeMismatch, "an Int64");
            }
            carriedOut.add(operator.name() + " " + value);
        });
    }

    @Test
    void anOperatorWritesAWritableValue() {
        assertEquals(List.of(StatusCode.GOOD), writes.write(ANNA, List.of(value(limit.getNodeId(), 40_000L))));

        assertEquals(List.of("anna 40000"), carriedOut);
        assertEquals(AccessLevel.toValue(AccessLevel.READ_WRITE), limit.getAccessLevel());
    }

    @Test
    void eachWriteIsAnsweredInOrderWithWhyItWasRefused() {
        List<StatusCode> results = writes.write(ANNA, List.of(
                value(new NodeId(2, "Site/NoSuchNode"), 1L),
                value(count.getNodeId(), 3L),
                new WriteValue(limit.getNodeId(), AttributeId.Description.uid(), null, new DataValue(new Variant(1L))),
                new WriteValue(limit.getNodeId(), AttributeId.Value.uid(), "0:1", new DataValue(new Variant(1L))),
                value(limit.getNodeId(), "forty kW"),
                value(limit.getNodeId(), 40_000L)));

        assertEquals(List.of(StatusCodes.Bad_NodeIdUnknown, StatusCodes.Bad_NotWritable, StatusCodes.Bad_NotWritable,
                StatusCodes.Bad_IndexRangeInvalid, StatusCodes.Bad_TypeMismatch, StatusCode.GOOD.getValue()),
                results.stream().map(StatusCode::getValue).toList());
        assertEquals(List.of("anna 40000"), carriedOut);
    }

    @Test
    void anAnonymousClientWritesNothing() {
        assertEquals(List.of(new StatusCode(StatusCodes.Bad_UserAccessDenied)),
                writes.write(ClientIdentity.ANONYMOUS, List.of(value(limit.getNodeId(), 40_000L))));

        assertEquals(List.of(), carriedOut);
    }

    @Test
    void aNodeMadeOnDemandIsWrittenThroughItsTarget() {
        assertEquals(List.of(StatusCode.GOOD, new StatusCode(StatusCodes.Bad_UserAccessDenied)), List.of(
                writes.write(ANNA, List.of(value(available, false))).get(0),
                writes.write(ClientIdentity.ANONYMOUS, List.of(value(available, true))).get(0)));

        assertEquals(List.of("anna made false"), carriedOut);
    }

    @Test
    void aWritableNodeIsShownReadWriteButToOperatorsOnly() {
        assertEquals(AccessLevel.toValue(AccessLevel.READ_WRITE), limit.getAttribute(AttributeId.UserAccessLevel));
        assertEquals(AccessLevel.toValue(AccessLevel.READ_ONLY), limit.getUserAccessLevel(), "seen without a session");
    }

    private static WriteValue value(NodeId node, Object value) {
        return new WriteValue(node, AttributeId.Value.uid(), null, new DataValue(new Variant(value)));
    }
}
