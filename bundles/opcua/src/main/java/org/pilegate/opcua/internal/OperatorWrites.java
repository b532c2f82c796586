package org.pilegate.opcua.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the site's address space: only the Value of a variable registered as writable (or, for the nodes made on
 * demand, one its targets name), whole (no index range), and only by an operator. Everything else is refused with the
 * StatusCode that says why.
 */
final class OperatorWrites {

    /** Carries out a write by an operator. */
    @FunctionalInterface
    interface Target {
        void write(ClientIdentity.Operator operator, Object value) throws UaException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(OperatorWrites.class);

    private final Predicate<NodeId> exists;
    private final Function<NodeId, Optional<Target>> targets;
    private final Map<NodeId, Target> writable = new ConcurrentHashMap<>();

    /**
     * @param exists whether the namespace holds a node
     * @param targets what an operator's write carries out on a node made on demand, which cannot be {@link #allow
     *     allowed} ahead: none if the node is not writable
     */
    OperatorWrites(Predicate<NodeId> exists, Function<NodeId, Optional<Target>> targets) {
        this.exists = exists;
        this.targets = targets;
    }

    /** Lets operators write the node's value, which {@code target} carries out. */
    void allow(UaVariableNode node, Target target) {
        letOperatorsWrite(node);
        writable.put(node.getNodeId(), target);
    }

    /** Shows the node writable, to operators only ({@link OperatorAccessFilter}). */
    static void letOperatorsWrite(UaVariableNode node) {
        node.setAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
        node.setUserAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
        node.getFilterChain().addLast(OperatorAccessFilter.INSTANCE);
    }

    /** @return one StatusCode per write, in order */
    List<StatusCode> write(ClientIdentity identity, List<WriteValue> writeValues) {
        List<StatusCode> results = new ArrayList<>(writeValues.size());
        for (WriteValue writeValue : writeValues) {
            results.add(new StatusCode(write(identity, writeValue)));
        }
        return results;
    }

    private long write(ClientIdentity identity, WriteValue writeValue) {
        if (!exists.test(writeValue.getNodeId())) {
            return StatusCodes.Bad_NodeIdUnknown;
        }
        Optional<Target> target = Optional.ofNullable(writable.get(writeValue.getNodeId()))
                .or(() -> targets.apply(writeValue.getNodeId()));
        if (target.isEmpty() || !AttributeId.Value.isEqual(writeValue.getAttributeId())) {
            return StatusCodes.Bad_NotWritable;
        }
        if (writeValue.getIndexRange() != null && !writeValue.getIndexRange().isEmpty()) {
            return StatusCodes.Bad_IndexRangeInvalid;
        }
        if (!(identity instanceof ClientIdentity.Operator operator)) {
            return StatusCodes.Bad_UserAccessDenied;
        }
        Object value = writeValue.getValue().getValue().getValue();
        try {
            target.get().write(operator, value);
            LOG.info("OPC UA user {} wrote {} to {}", operator.name(), value, writeValue.getNodeId().getIdentifier());
            return StatusCode.GOOD.getValue();
        } catch (UaException e) {
            LOG.info("OPC UA write by {} to {} refused: {}", operator.name(), writeValue.getNodeId().getIdentifier(),
                    e.getMessage());
            return e.getStatusCode().getValue();
        }
    }
}
