package org.pilegate.opcua.internal;

import java.util.Optional;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.api.NodeManager;
import org.eclipse.milo.opcua.sdk.server.model.nodes.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeObserver;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/**
 * Makes the site's own nodes, each added to the namespace and below its parent (the piles' are made on demand, by
 * {@link PileNodeMaker}). Every variable starts as BadWaitingForInitialData and tells {@code changed} when its value
 * is set, which pushes it to the monitored items on it. Node ids are paths: {@code Site/GridLimitW}.
 */
final class NodeFactory {

    /** What every variable shows until its first value is set. */
    static final DataValue WAITING = new DataValue(new StatusCode(StatusCodes.Bad_WaitingForInitialData));

    private final UaNodeContext context;
    private final UShort namespaceIndex;
    private final AttributeObserver pushToMonitoredItems;

    NodeFactory(UaNodeContext context, UShort namespaceIndex, AttributeObserver changed) {
        this.context = context;
        this.namespaceIndex = namespaceIndex;
        this.pushToMonitoredItems = changed;
    }

    NodeManager<UaNode> nodes() {
        return context.getNodeManager();
    }

    UaObjectNode object(String id, String name, String description) {
        UaObjectNode node = UaObjectNode.builder(context)
                .setNodeId(nodeId(id))
                .setBrowseName(name(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setTypeDefinition(Identifiers.BaseObjectType)
                .build();
        nodes().addNode(node);
        return node;
    }

    UaFolderNode folder(UaObjectNode parent, String name, String description) {
        UaFolderNode folder = new UaFolderNode(context, childId(parent, name), name(name),
                LocalizedText.english(name));
        folder.setDescription(LocalizedText.english(description));
        nodes().addNode(folder);
        parent.addComponent(folder);
        return folder;
    }

    UaVariableNode plain(UaNode parent, String name, NodeId dataType, String description) {
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(context)
                .setNodeId(childId(parent, name))
                .setBrowseName(name(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setDataType(dataType)
                .setValueRank(ValueRanks.Scalar)
                .setTypeDefinition(Identifiers.BaseDataVariableType)
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setValue(WAITING)
                .build();
        return attach(parent, node);
    }

    /** A one-dimensional array of {@code dataType}. */
    UaVariableNode array(UaNode parent, String name, NodeId dataType, String description) {
        UaVariableNode node = plain(parent, name, dataType, description);
        node.setValueRank(ValueRanks.OneDimension);
        node.setArrayDimensions(new UInteger[] {UInteger.MIN});
        return node;
    }

    UaVariableNode analog(UaNode parent, String name, NodeId dataType, EUInformation unit, String description) {
        AnalogItemTypeNode node = new AnalogItemTypeNode(context, childId(parent, name), name(name),
                LocalizedText.english(name), LocalizedText.english(description), UInteger.MIN, UInteger.MIN, WAITING,
                dataType, ValueRanks.Scalar, null, AccessLevel.toValue(AccessLevel.READ_ONLY),
                AccessLevel.toValue(AccessLevel.READ_ONLY), 0.0, false);
        node.addReference(new Reference(node.getNodeId(), Identifiers.HasTypeDefinition,
                Identifiers.AnalogItemType.expanded(), true));
        attach(parent, node);
        node.setEngineeringUnits(unit);
        return node;
    }

    /** A method of {@code parent} that only operators may call (see {@link OperatorAccessFilter}). */
    void method(UaObjectNode parent, String name, String description, Argument[] inputs,
            ActionMethod.Action action) {
        UaMethodNode node = UaMethodNode.builder(context)
                .setNodeId(childId(parent, name))
                .setBrowseName(name(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setExecutable(true)
                .setUserExecutable(true)
                .addAttributeFilter(OperatorAccessFilter.INSTANCE)
                .build();
        ActionMethod handler = new ActionMethod(node, inputs, action);
        node.setInputArguments(handler.getInputArguments());
        node.setOutputArguments(handler.getOutputArguments());
        node.setInvocationHandler(handler);
        nodes().addNode(node);
        parent.addReference(new Reference(parent.getNodeId(), Identifiers.HasComponent, node.getNodeId().expanded(),
                true));
    }

    static Argument argument(String name, NodeId dataType, String description) {
        return new Argument(name, dataType, ValueRanks.Scalar, null, LocalizedText.english(description));
    }

    /** Sets a node's value if it changed, which pushes it to the monitored items on the node. */
    static void set(UaVariableNode node, Variant value, StatusCode status, DateTime sourceTime) {
        changed(node.getValue(), value, status, sourceTime).ifPresent(node::setValue);
    }

    /**
     * The value to show after {@code current}, if the value or its quality changed: a value that stays the same
     * keeps its timestamps, so a subscriber hears of it once.
     */
    static Optional<DataValue> changed(DataValue current, Variant value, StatusCode status, DateTime sourceTime) {
        if (value.equals(current.getValue()) && status.equals(current.getStatusCode())) {
            return Optional.empty();
        }
        return Optional.of(new DataValue(value, status, sourceTime, DateTime.now()));
    }

    private UaVariableNode attach(UaNode parent, UaVariableNode node) {
        nodes().addNode(node);
        parent.addReference(new Reference(parent.getNodeId(), Identifiers.HasComponent, node.getNodeId().expanded(),
                true));
        node.addAttributeObserver(pushToMonitoredItems);
        return node;
    }

    private NodeId childId(UaNode parent, String name) {
        return nodeId(parent.getNodeId().getIdentifier() + "/" + name);
    }

    private NodeId nodeId(String id) {
        return new NodeId(namespaceIndex, id);
    }

    private QualifiedName name(String name) {
        return new QualifiedName(namespaceIndex, name);
    }
}
