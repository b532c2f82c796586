package org.pilegate.opcua.internal;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.model.nodes.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.nodes.variables.PropertyTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.types.variables.AnalogItemType;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNodeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/**
 * Makes a pile's node, with the attributes and the current value its {@link PileView} holds, for the one request
 * that asks for it. The nodes are never added to a node manager: their references come from {@link PileReferences},
 * so nothing is added to one either (Milo's node builders and {@code setEngineeringUnits} would add them).
 */
final class PileNodeMaker {

    private static final UByte READ_ONLY = AccessLevel.toValue(AccessLevel.READ_ONLY);
    /** Milo's default, which its variable builder and its properties keep; the analog variables are made with 0. */
    private static final double DEFAULT_SAMPLING_MS = -1.0;
    private static final QualifiedName UNITS_NAME = new QualifiedName(0, PileNodeIds.UNITS);

    private final UaNodeContext context;
    private final PileNodeIds ids;

    PileNodeMaker(UaNodeContext context, PileNodeIds ids) {
        this.context = context;
        this.ids = ids;
    }

    UaNode node(PileNodeIds.Address address, PileView view) {
        return switch (address.kind()) {
            case PILE -> object(ids.pile(address.pile()), "Pile_" + address.pile(),
                    "Charging pile " + address.pile() + ": its state, relay, meter and session.");
            case METER -> object(ids.meter(address.pile()), PileNodeIds.METER,
                    "The pile's energy meter: per-phase values where it measures them.");
            case VARIABLE -> variable(ids.of(address), address.variable(), view.value(address.variable()));
            case UNITS -> units(ids.of(address), address.variable().unit().orElseThrow(), view);
        };
    }

    private UaObjectNode object(NodeId nodeId, String name, String description) {
        return new UaObjectNode(context, nodeId, name(name), LocalizedText.english(name),
                LocalizedText.english(description), UInteger.MIN, UInteger.MIN);
    }

    private UaVariableNode variable(NodeId nodeId, PileVariable variable, DataValue value) {
        String name = variable.browseName();
        LocalizedText description = LocalizedText.english(variable.description());
        if (variable.unit().isPresent()) {
            return new AnalogItemTypeNode(context, nodeId, name(name), LocalizedText.english(name), description,
                    UInteger.MIN, UInteger.MIN, value, variable.dataType(), ValueRanks.Scalar, null, READ_ONLY,
                    READ_ONLY, 0.0, false);
        }
        UaVariableNode node = new UaVariableNode(context, nodeId, name(name), LocalizedText.english(name),
                description, UInteger.MIN, UInteger.MIN, value, variable.dataType(), ValueRanks.Scalar, null,
                READ_ONLY, READ_ONLY, DEFAULT_SAMPLING_MS, false);
        if (variable == PileVariable.AVAILABLE) {
            OperatorWrites.letOperatorsWrite(node);
        }
        return node;
    }

    /** The property Milo's {@code setEngineeringUnits} would add, valued since the pile was shown. */
    private UaVariableNode units(NodeId nodeId, EUInformation unit, PileView view) {
        return new PropertyTypeNode(context, nodeId, UNITS_NAME, LocalizedText.english(PileNodeIds.UNITS),
                LocalizedText.NULL_VALUE, UInteger.MIN, UInteger.MIN,
                new DataValue(new Variant(unit), StatusCode.GOOD, view.shownAt, view.shownAt),
                Identifiers.EUInformation, AnalogItemType.ENGINEERING_UNITS.getValueRank(),
                AnalogItemType.ENGINEERING_UNITS.getArrayDimensions(), READ_ONLY, READ_ONLY, DEFAULT_SAMPLING_MS,
                false);
    }

    private QualifiedName name(String name) {
        return new QualifiedName(ids.namespaceIndex(), name);
    }
}
