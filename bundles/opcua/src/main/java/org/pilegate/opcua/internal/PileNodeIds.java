package org.pilegate.opcua.internal;

import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.pilegate.api.pile.PileId;

/**
 * The node ids of the piles' nodes, which are paths: {@code Site/Piles/<id>}, {@code Site/Piles/<id>/Meter},
 * {@code Site/Piles/<id>/PowerW}, {@code Site/Piles/<id>/Meter/L1VoltageV} and a variable's unit property
 * {@code Site/Piles/<id>/PowerW.EngineeringUnits}. The nodes are made from these ids on demand, so an id is all there
 * is to tell which pile and which part of it a client asks for. Pile ids hold no '/', so the first one ends the id.
 */
final class PileNodeIds {

    private static final String FOLDER = "Site/Piles";
    static final String METER = "Meter";
    /** The browse name Milo gives the EngineeringUnits property of an AnalogItemType, in namespace 0. */
    static final String UNITS = "EngineeringUnits";
    private static final String PREFIX = FOLDER + "/";
    private static final String METER_PREFIX = METER + "/";

    /** Which node of a pile: the pile's object, its Meter object, a variable or a variable's unit property. */
    enum Kind { PILE, METER, VARIABLE, UNITS }

    /**
     * A node of a pile.
     *
     * @param variable the variable for VARIABLE and UNITS, null for PILE and METER
     */
    record Address(PileId pile, Kind kind, PileVariable variable) {
    }

    private final UShort namespaceIndex;

    PileNodeIds(UShort namespaceIndex) {
        this.namespaceIndex = namespaceIndex;
    }

    UShort namespaceIndex() {
        return namespaceIndex;
    }

    NodeId folder() {
        return nodeId(FOLDER);
    }

    NodeId pile(PileId pile) {
        return nodeId(PREFIX + pile.value());
    }

    NodeId meter(PileId pile) {
        return nodeId(PREFIX + pile.value() + "/" + METER);
    }

    NodeId variable(PileId pile, PileVariable variable) {
        return nodeId(variablePath(pile, variable));
    }

    NodeId units(PileId pile, PileVariable variable) {
        return nodeId(variablePath(pile, variable) + "." + UNITS);
    }

    NodeId of(Address address) {
        return switch (address.kind()) {
            case PILE -> pile(address.pile());
            case METER -> meter(address.pile());
            case VARIABLE -> variable(address.pile(), address.variable());
            case UNITS -> units(address.pile(), address.variable());
        };
    }

    /** Whether the id lies below the Piles folder, whether or not such a pile or node exists. */
    boolean below(NodeId nodeId) {
        return namespaceIndex.equals(nodeId.getNamespaceIndex()) && nodeId.getIdentifier() instanceof String path
                && path.startsWith(PREFIX);
    }

    /** The pile node the id names, if it names one; the pile itself may not be shown. */
    Optional<Address> parse(NodeId nodeId) {
        if (!below(nodeId)) {
            return Optional.empty();
        }
        String rest = ((String) nodeId.getIdentifier()).substring(PREFIX.length());
        int slash = rest.indexOf('/');
        Optional<PileId> pile = pileId(slash < 0 ? rest : rest.substring(0, slash));
        if (pile.isEmpty() || slash < 0) {
            return pile.map(id -> new Address(id, Kind.PILE, null));
        }
        String part = rest.substring(slash + 1);
        if (part.equals(METER)) {
            return Optional.of(new Address(pile.get(), Kind.METER, null));
        }
        boolean ofMeter = part.startsWith(METER_PREFIX);
        String name = ofMeter ? part.substring(METER_PREFIX.length()) : part;
        int dot = name.indexOf('.');
        if (dot >= 0 && !name.substring(dot + 1).equals(UNITS)) {
            return Optional.empty();
        }
        Kind kind = dot < 0 ? Kind.VARIABLE : Kind.UNITS;
        return PileVariable.byBrowseName(dot < 0 ? name : name.substring(0, dot))
                .filter(variable -> variable.ofMeter() == ofMeter)
                .filter(variable -> kind == Kind.VARIABLE || variable.unit().isPresent())
                .map(variable -> new Address(pile.get(), kind, variable));
    }

    private static Optional<PileId> pileId(String text) {
        try {
            return Optional.of(new PileId(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String variablePath(PileId pile, PileVariable variable) {
        return PREFIX + pile.value() + (variable.ofMeter() ? "/" + METER + "/" : "/") + variable.browseName();
    }

    private NodeId nodeId(String path) {
        return new NodeId(namespaceIndex, path);
    }
}
