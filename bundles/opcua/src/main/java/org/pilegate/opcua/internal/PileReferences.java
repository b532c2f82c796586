package org.pilegate.opcua.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.pilegate.api.pile.PileId;

/**
 * The references of the piles' nodes, made when asked for: each forward reference Milo kept for a pile node and the
 * inverse one it added to the target, so browsing either end, and translating browse paths, finds what it found
 * when the nodes were held. That includes the Organizes references from the Piles folder and the inverse
 * HasTypeDefinition references from the type nodes (BaseObjectType lists every pile object).
 */
final class PileReferences {

    private static final Set<NodeId> TYPES = Set.of(Identifiers.BaseObjectType, Identifiers.BaseDataVariableType,
            Identifiers.AnalogItemType, Identifiers.PropertyType);

    private final PileNodeIds ids;
    private final Map<PileId, PileView> piles;

    /** @param piles the piles shown, as they come and go */
    PileReferences(PileNodeIds ids, Map<PileId, PileView> piles) {
        this.ids = ids;
        this.piles = piles;
    }

    /** Those of a shown pile's node, in the order Milo kept them. */
    List<Reference> of(PileNodeIds.Address address) {
        PileId pile = address.pile();
        List<Reference> references = new ArrayList<>();
        switch (address.kind()) {
            case PILE -> {
                NodeId object = ids.pile(pile);
                references.add(forward(object, Identifiers.HasTypeDefinition, Identifiers.BaseObjectType));
                references.add(inverse(object, Identifiers.Organizes, ids.folder()));
                references.add(forward(object, Identifiers.HasComponent, ids.meter(pile)));
                components(object, pile, false, references);
            }
            case METER -> {
                NodeId meter = ids.meter(pile);
                references.add(forward(meter, Identifiers.HasTypeDefinition, Identifiers.BaseObjectType));
                references.add(inverse(meter, Identifiers.HasComponent, ids.pile(pile)));
                components(meter, pile, true, references);
            }
            case VARIABLE -> {
                PileVariable variable = address.variable();
                NodeId node = ids.variable(pile, variable);
                references.add(forward(node, Identifiers.HasTypeDefinition, typeOf(variable)));
                references.add(inverse(node, Identifiers.HasComponent,
                        variable.ofMeter() ? ids.meter(pile) : ids.pile(pile)));
                if (variable.unit().isPresent()) {
                    references.add(forward(node, Identifiers.HasProperty, ids.units(pile, variable)));
                }
            }
            case UNITS -> {
                NodeId units = ids.units(pile, address.variable());
                references.add(forward(units, Identifiers.HasTypeDefinition, Identifiers.PropertyType));
                references.add(inverse(units, Identifiers.HasProperty, ids.variable(pile, address.variable())));
            }
        }
        return references;
    }

    /** The Piles folder organizes the piles, in the order they were shown. */
    List<Reference> ofFolder() {
        NodeId folder = ids.folder();
        return shown().map(pile -> forward(folder, Identifiers.Organizes, ids.pile(pile))).toList();
    }

    /** A type node's inverse HasTypeDefinition references to the pile nodes of its type; none for other nodes. */
    List<Reference> ofType(NodeId type) {
        if (!TYPES.contains(type)) {
            return List.of();
        }
        return shown().flatMap(pile -> typed(type, pile))
                .map(node -> inverse(type, Identifiers.HasTypeDefinition, node)).toList();
    }

    private static NodeId typeOf(PileVariable variable) {
        return variable.unit().isPresent() ? Identifiers.AnalogItemType : Identifiers.BaseDataVariableType;
    }

    private void components(NodeId parent, PileId pile, boolean ofMeter, List<Reference> references) {
        for (PileVariable variable : PileVariable.values()) {
            if (variable.ofMeter() == ofMeter) {
                references.add(forward(parent, Identifiers.HasComponent, ids.variable(pile, variable)));
            }
        }
    }

    private Stream<NodeId> typed(NodeId type, PileId pile) {
        if (type.equals(Identifiers.BaseObjectType)) {
            return Stream.of(ids.pile(pile), ids.meter(pile));
        }
        Stream<PileVariable> variables = Stream.of(PileVariable.values());
        if (type.equals(Identifiers.PropertyType)) {
            return variables.filter(variable -> variable.unit().isPresent())
                    .map(variable -> ids.units(pile, variable));
        }
        return variables.filter(variable -> typeOf(variable).equals(type))
                .map(variable -> ids.variable(pile, variable));
    }

    private Stream<PileId> shown() {
        return piles.values().stream().sorted(Comparator.comparingLong(view -> view.order))
                .map(view -> view.controller.id());
    }

    private static Reference forward(NodeId source, NodeId type, NodeId target) {
        return new Reference(source, type, target.expanded(), true);
    }

    private static Reference inverse(NodeId source, NodeId type, NodeId target) {
        return new Reference(source, type, target.expanded(), false);
    }
}
