package org.pilegate.opcua.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

/**
 * The monitored items of the clients' subscriptions, by node. Values are pushed when they change ({@link #push}), so
 * the sampling interval has nothing to drive: an item gets the node's value when it is created or enabled and on
 * every change after.
 */
final class MonitoredValues {

    private final UaNodeContext context;
    private final Map<NodeId, List<DataItem>> monitored = new ConcurrentHashMap<>();

    MonitoredValues(UaNodeContext context) {
        this.context = context;
    }

    void created(List<DataItem> items) {
        for (DataItem item : items) {
            monitored.computeIfAbsent(item.getReadValueId().getNodeId(), id -> new CopyOnWriteArrayList<>())
                    .add(item);
            sample(item);
        }
    }

    void deleted(List<DataItem> items) {
        for (DataItem item : items) {
            monitored.computeIfPresent(item.getReadValueId().getNodeId(), (id, list) -> {
                list.remove(item);
                return list.isEmpty() ? null : list;
            });
        }
    }

    void modeChanged(List<MonitoredItem> items) {
        for (MonitoredItem item : items) {
            if (item instanceof DataItem dataItem && dataItem.isSamplingEnabled()) {
                sample(dataItem);
            }
        }
    }

    /** The node's value changed, or the node is gone: the enabled items on it get what it reads now. */
    void push(NodeId nodeId) {
        for (DataItem item : monitored.getOrDefault(nodeId, List.of())) {
            if (item.isSamplingEnabled()) {
                sample(item);
            }
        }
    }

    private void sample(DataItem item) {
        ReadValueId id = item.getReadValueId();
        Optional<UaNode> node = context.getNodeManager().getNode(id.getNodeId());
        item.setValue(node.map(n -> n.readAttribute(new AttributeContext(context.getServer(), item.getSession()),
                        id.getAttributeId(), item.getTimestampsToReturn(), id.getIndexRange(), id.getDataEncoding()))
                .orElseGet(() -> new DataValue(new StatusCode(StatusCodes.Bad_NodeIdUnknown))));
    }
}
