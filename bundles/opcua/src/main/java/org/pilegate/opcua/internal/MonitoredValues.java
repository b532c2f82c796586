package org.pilegate.opcua.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.pilegate.api.pile.PileId;

/**
 * The monitored items of the clients' subscriptions, by node. Values are pushed when they change ({@link #push}), so
 * the sampling interval has nothing to drive: an item gets the node's value when it is created or enabled and on
 * every change after. The piles' values change most and are mostly not monitored: a change of one is pushed only if
 * an item is on one of that pile's nodes, found without making the node's id ({@link #changed}).
 */
final class MonitoredValues {

    private final OpcUaServer server;
    private final Function<NodeId, Optional<UaNode>> nodes;
    private final PileNodeIds pileIds;
    private final Map<NodeId, List<DataItem>> monitored = new ConcurrentHashMap<>();
    /** How many items are on each pile's nodes. */
    private final Map<PileId, Integer> watchedPiles = new ConcurrentHashMap<>();

    /** @param nodes the node of an id, in whichever node manager holds or makes it */
    MonitoredValues(OpcUaServer server, Function<NodeId, Optional<UaNode>> nodes, PileNodeIds pileIds) {
        this.server = server;
        this.nodes = nodes;
        this.pileIds = pileIds;
    }

    void created(List<DataItem> items) {
        for (DataItem item : items) {
            monitored.compute(item.getReadValueId().getNodeId(), (nodeId, list) -> {
                List<DataItem> on = list == null ? new CopyOnWriteArrayList<>() : list;
                on.add(item);
                pileOf(nodeId).ifPresent(pile -> watchedPiles.merge(pile, 1, Integer::sum));
                return on;
            });
            sample(item);
        }
    }

    void deleted(List<DataItem> items) {
        for (DataItem item : items) {
            monitored.computeIfPresent(item.getReadValueId().getNodeId(), (nodeId, list) -> {
                if (list.remove(item)) {
                    pileOf(nodeId).ifPresent(pile -> watchedPiles.computeIfPresent(pile,
                            (id, count) -> count > 1 ? count - 1 : null));
                }
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

    /** A pile's value changed: pushed if an item is on one of the pile's nodes. */
    void changed(PileId pile, PileVariable variable) {
        if (watches(pile)) {
            push(pileIds.variable(pile, variable));
        }
    }

    /** A pile's nodes are gone: the items on any of them hear so. */
    void removed(PileId pile) {
        if (watches(pile)) {
            monitored.keySet().stream().filter(nodeId -> pileOf(nodeId).equals(Optional.of(pile)))
                    .forEach(this::push);
        }
    }

    /** Whether an item is on one of the pile's nodes: one lookup, no node id made. */
    boolean watches(PileId pile) {
        return watchedPiles.containsKey(pile);
    }

    private Optional<PileId> pileOf(NodeId nodeId) {
        return pileIds.parse(nodeId).map(PileNodeIds.Address::pile);
    }

    private void sample(DataItem item) {
        ReadValueId id = item.getReadValueId();
        item.setValue(nodes.apply(id.getNodeId())
                .map(node -> node.readAttribute(new AttributeContext(server, item.getSession()),
                        id.getAttributeId(), item.getTimestampsToReturn(), id.getIndexRange(), id.getDataEncoding()))
                .orElseGet(() -> new DataValue(new StatusCode(StatusCodes.Bad_NodeIdUnknown))));
    }
}
