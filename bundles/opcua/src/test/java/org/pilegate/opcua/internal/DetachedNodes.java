package org.pilegate.opcua.internal;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.UaNodeManager;
import org.eclipse.milo.opcua.sdk.server.api.NodeManager;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;

/** Nodes kept in a node manager of their own, without a server: enough to build, set and observe them. */
final class DetachedNodes implements UaNodeContext {

    private final UaNodeManager nodes = new UaNodeManager();
    private final NamespaceTable namespaces = new NamespaceTable();

    @Override
    public OpcUaServer getServer() {
        throw new UnsupportedOperationException("no server: these nodes are not served");
    }

    @Override
    public NodeManager<UaNode> getNodeManager() {
        return nodes;
    }

    @Override
    public NamespaceTable getNamespaceTable() {
        return namespaces;
    }
}
