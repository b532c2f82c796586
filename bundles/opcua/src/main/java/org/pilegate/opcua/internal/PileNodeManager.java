package org.pilegate.opcua.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.api.NodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.pilegate.api.pile.PileId;

/**
 * The piles' nodes as Milo's node manager: answers whether a pile node exists, the node and its references from the
 * shown {@link PileView}s, making them per request ({@link PileNodeMaker}, {@link PileReferences}): held, a pile's
 * 35 nodes and some 140 references took about 44 KB of heap. A removed pile's nodes are gone with its view. Milo's
 * ExpandedNodeId and Predicate variants of these methods go through the ones here. It holds nothing, and refuses
 * to: a node or reference added would stay after its pile is gone.
 */
final class PileNodeManager extends UaNodeManager {

    private final PileNodeIds ids;
    private final Map<PileId, PileView> piles;
    private final PileNodeMaker maker;
    private final PileReferences references;

    /**
     * @param server the server the nodes are served by, asked for only when a node needs it
     * @param piles the piles shown, as they come and go
     */
    PileNodeManager(Supplier<OpcUaServer> server, PileNodeIds ids, Map<PileId, PileView> piles) {
        this.ids = ids;
        this.piles = piles;
        this.maker = new PileNodeMaker(new UaNodeContext() {
            @Override
            public OpcUaServer getServer() {
                return server.get();
            }

            @Override
            public NodeManager<UaNode> getNodeManager() {
                return PileNodeManager.this;
            }
        }, ids);
        this.references = new PileReferences(ids, piles);
    }

    @Override
    public boolean containsNode(NodeId nodeId) {
        return shown(nodeId).isPresent();
    }

    @Override
    public Optional<UaNode> getNode(NodeId nodeId) {
        return ids.parse(nodeId).flatMap(address -> Optional.ofNullable(piles.get(address.pile()))
                .map(view -> maker.node(address, view)));
    }

    @Override
    public List<Reference> getReferences(NodeId nodeId) {
        if (ids.below(nodeId)) {
            return shown(nodeId).map(references::of).orElseGet(List::of);
        }
        return nodeId.equals(ids.folder()) ? references.ofFolder() : references.ofType(nodeId);
    }

    @Override
    public Optional<UaNode> addNode(UaNode node) {
        throw new UnsupportedOperationException("the piles' nodes are made on demand, not added: " + node.getNodeId());
    }

    @Override
    public void addReference(Reference reference) {
        throw new UnsupportedOperationException("the piles' references are made on demand, not added: " + reference);
    }

    /** The address of a node of a shown pile. */
    private Optional<PileNodeIds.Address> shown(NodeId nodeId) {
        return ids.parse(nodeId).filter(address -> piles.containsKey(address.pile()));
    }
}
