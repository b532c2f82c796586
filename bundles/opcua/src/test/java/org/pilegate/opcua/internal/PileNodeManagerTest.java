package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.model.nodes.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.nodes.variables.PropertyTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.NamespaceTable;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;

/** The piles' nodes made from their views, held nowhere, as the site's namespace held them. */
class PileNodeManagerTest {

    private static final UShort NAMESPACE = Unsigned.ushort(2);
    private static final PileId BAY_1 = new PileId("bay-01");

    private final PileNodeIds ids = new PileNodeIds(NAMESPACE);
    private final Map<PileId, PileView> piles = new ConcurrentHashMap<>();
    private final PileNodeManager nodes = new PileNodeManager(() -> {
        throw new UnsupportedOperationException("no server: these nodes are not served");
    }, ids, piles);

    @BeforeEach
    void showTwoPiles() {
        show("bay-02", 1);
        show("bay-01", 0);
    }

    @Test
    void aPileObjectHasItsMeterAndVariablesAsComponentsAndTheFolderAsOrganizer() {
        UaNode pile = node("Site/Piles/bay-01");

        assertInstanceOf(UaObjectNode.class, pile);
        assertEquals(NodeClass.Object, pile.getNodeClass());
        assertEquals(new QualifiedName(NAMESPACE, "Pile_bay-01"), pile.getBrowseName());
        assertEquals(LocalizedText.english("Pile_bay-01"), pile.getDisplayName());
        assertEquals(LocalizedText.english("Charging pile bay-01: its state, relay, meter and session."),
                pile.getDescription());
        List<Reference> expected = new ArrayList<>(List.of(
                forward("Site/Piles/bay-01", Identifiers.HasTypeDefinition, Identifiers.BaseObjectType),
                inverse("Site/Piles/bay-01", Identifiers.Organizes, id("Site/Piles")),
                forward("Site/Piles/bay-01", Identifiers.HasComponent, id("Site/Piles/bay-01/Meter"))));
        for (String name : List.of("State", "PlugState", "ContactorClosed", "PowerW", "EnergyRegisterWh",
                "CurrentLimitA", "Available", "SessionId", "SessionEnergyWh", "SessionStart", "SessionElapsed",
                "FaultText", "PlannedCurrentA", "HeldBackBy")) {
            expected.add(forward("Site/Piles/bay-01", Identifiers.HasComponent, id("Site/Piles/bay-01/" + name)));
        }
        assertEquals(expected, nodes.getReferences(id("Site/Piles/bay-01")));
    }

    @Test
    void theMeterObjectHoldsThePhaseValues() {
        UaNode meter = node("Site/Piles/bay-01/Meter");

        assertEquals(new QualifiedName(NAMESPACE, "Meter"), meter.getBrowseName());
        List<Reference> references = nodes.getReferences(id("Site/Piles/bay-01/Meter"));
        assertEquals(List.of(
                forward("Site/Piles/bay-01/Meter", Identifiers.HasTypeDefinition, Identifiers.BaseObjectType),
                inverse("Site/Piles/bay-01/Meter", Identifiers.HasComponent, id("Site/Piles/bay-01")),
                forward("Site/Piles/bay-01/Meter", Identifiers.HasComponent, id("Site/Piles/bay-01/Meter/MeterId"))),
                references.subList(0, 3));
        assertEquals(2 + 8, references.size());
    }

    @Test
    void theFolderOrganizesThePilesInTheOrderTheyWereShown() {
        assertEquals(List.of(forward("Site/Piles", Identifiers.Organizes, id("Site/Piles/bay-01")),
                        forward("Site/Piles", Identifiers.Organizes, id("Site/Piles/bay-02"))),
                nodes.getReferences(id("Site/Piles")));
        assertFalse(nodes.containsNode(id("Site/Piles")), "the folder is the site's");
    }

    @Test
    void aPlainVariableHasTheAttributesAndReferencesOfTheNodeTheSiteHeld() {
        DetachedNodes held = new DetachedNodes();
        NodeFactory factory = new NodeFactory(held, NAMESPACE, (node, attribute, value) -> { });
        UaObjectNode pile = factory.object("Site/Piles/bay-01", "Pile_bay-01", "A pile.");
        UaObjectNode meter = factory.object("Site/Piles/bay-01/Meter", "Meter", "Its meter.");
        for (PileVariable variable : PileVariable.values()) {
            if (variable.unit().isPresent()) {
                continue;
            }
            UaVariableNode expected = factory.plain(variable.ofMeter() ? meter : pile, variable.browseName(),
                    variable.dataType(), variable.description());
            if (variable == PileVariable.AVAILABLE) {
                OperatorWrites.letOperatorsWrite(expected);
            }
            UaNode made = nodes.getNode(expected.getNodeId()).orElseThrow();
            for (AttributeId attribute : AttributeId.VARIABLE_ATTRIBUTES) {
                assertAttributeEquals(expected.getAttribute(attribute), made.getAttribute(attribute),
                        variable + " " + attribute);
            }
            assertEquals(expected.getFilterChain().getFilters(), made.getFilterChain().getFilters());
            assertEquals(held.getNodeManager().getReferences(expected.getNodeId()),
                    nodes.getReferences(made.getNodeId()), variable.toString());
        }
    }

    @Test
    void anAnalogVariableIsAnAnalogItemWithItsUnitAsProperty() {
        piles.get(BAY_1).set(PileVariable.POWER, new Variant(7_000L), StatusCode.GOOD, DateTime.now());
        UaVariableNode power = (UaVariableNode) node("Site/Piles/bay-01/PowerW");

        assertInstanceOf(AnalogItemTypeNode.class, power);
        assertEquals(new Variant(7_000L), power.getValue().getValue());
        assertEquals(Identifiers.Int64, power.getDataType());
        assertEquals(ValueRanks.Scalar, power.getValueRank());
        assertEquals(AccessLevel.toValue(AccessLevel.READ_ONLY), power.getAccessLevel());
        assertEquals(AccessLevel.toValue(AccessLevel.READ_ONLY), power.getUserAccessLevel());
        assertEquals(0.0, power.getMinimumSamplingInterval());
        assertEquals(LocalizedText.english("Active power towards the vehicle."), power.getDescription());
        assertEquals(List.of(
                forward("Site/Piles/bay-01/PowerW", Identifiers.HasTypeDefinition, Identifiers.AnalogItemType),
                inverse("Site/Piles/bay-01/PowerW", Identifiers.HasComponent, id("Site/Piles/bay-01")),
                forward("Site/Piles/bay-01/PowerW", Identifiers.HasProperty,
                        id("Site/Piles/bay-01/PowerW.EngineeringUnits"))),
                nodes.getReferences(power.getNodeId()));
    }

    @Test
    void theEngineeringUnitsPropertyIsMadeAsMiloMadeIt() {
        UaVariableNode units = (UaVariableNode) node("Site/Piles/bay-01/Meter/L1VoltageV.EngineeringUnits");

        assertInstanceOf(PropertyTypeNode.class, units);
        assertEquals(new QualifiedName(0, "EngineeringUnits"), units.getBrowseName());
        assertEquals(LocalizedText.english("EngineeringUnits"), units.getDisplayName());
        assertEquals(LocalizedText.NULL_VALUE, units.getDescription());
        assertEquals(Identifiers.EUInformation, units.getDataType());
        assertEquals(ValueRanks.Scalar, units.getValueRank());
        assertEquals(Units.VOLT, units.getValue().getValue().getValue());
        assertEquals(piles.get(BAY_1).shownAt, units.getValue().getSourceTime());
        assertEquals(List.of(
                forward("Site/Piles/bay-01/Meter/L1VoltageV.EngineeringUnits", Identifiers.HasTypeDefinition,
                        Identifiers.PropertyType),
                inverse("Site/Piles/bay-01/Meter/L1VoltageV.EngineeringUnits", Identifiers.HasProperty,
                        id("Site/Piles/bay-01/Meter/L1VoltageV"))),
                nodes.getReferences(units.getNodeId()));
    }

    @Test
    void theTypeNodesListThePileNodesOfTheirType() {
        List<Reference> objects = nodes.getReferences(Identifiers.BaseObjectType);
        List<Reference> properties = nodes.getReferences(Identifiers.PropertyType);

        assertEquals(List.of(inverse(Identifiers.BaseObjectType, Identifiers.HasTypeDefinition,
                        id("Site/Piles/bay-01")),
                inverse(Identifiers.BaseObjectType, Identifiers.HasTypeDefinition, id("Site/Piles/bay-01/Meter")),
                inverse(Identifiers.BaseObjectType, Identifiers.HasTypeDefinition, id("Site/Piles/bay-02")),
                inverse(Identifiers.BaseObjectType, Identifiers.HasTypeDefinition, id("Site/Piles/bay-02/Meter"))),
                objects);
        assertEquals(2 * 11, properties.size(), "one unit per analog variable of each pile");
        assertEquals(2 * 11, nodes.getReferences(Identifiers.AnalogItemType).size());
        assertEquals(2 * 11, nodes.getReferences(Identifiers.BaseDataVariableType).size());
        assertEquals(List.of(), nodes.getReferences(Identifiers.FolderType));
    }

    @Test
    void unknownAndRemovedPilesAndNodesAreNotThere() {
        piles.remove(new PileId("bay-02"));

        for (String unknown : List.of("Site/Piles/bay-02", "Site/Piles/bay-02/State", "Site/Piles/bay-99/Meter",
                "Site/Piles/bay-01/L1VoltageV", "Site/Piles/bay-01/Meter/State",
                "Site/Piles/bay-01/State.EngineeringUnits", "Site/Piles/bay-01/PowerW.EURange",
                "Site/Piles/bay-01/Nothing", "Site/Piles/bad id")) {
            assertFalse(nodes.containsNode(id(unknown)), unknown);
            assertEquals(Optional.empty(), nodes.getNode(id(unknown)), unknown);
            assertEquals(List.of(), nodes.getReferences(id(unknown)), unknown);
        }
        assertFalse(nodes.containsNode(new NodeId(3, "Site/Piles/bay-01")), "another namespace");
        assertTrue(nodes.containsNode(id("Site/Piles/bay-01/Meter/L3CurrentA.EngineeringUnits")));
        assertEquals(2, nodes.getReferences(Identifiers.BaseObjectType).size());
    }

    @Test
    void nothingIsAddedToIt() {
        UaNode pile = node("Site/Piles/bay-01");

        assertThrows(UnsupportedOperationException.class, () -> nodes.addNode(pile));
        assertThrows(UnsupportedOperationException.class, () -> nodes.addReferences(
                forward("Site/Piles/bay-01", Identifiers.HasComponent, id("Site/Piles/bay-02")), new NamespaceTable()));
    }

    private void show(String pile, long order) {
        FakePileController controller = new FakePileController(pile, 1_000);
        piles.put(controller.id(), new PileView(controller, order, Optional.empty(), (id, variable) -> { }));
    }

    private UaNode node(String path) {
        return nodes.getNode(id(path)).orElseThrow(() -> new AssertionError("no node " + path));
    }

    private static void assertAttributeEquals(Object expected, Object actual, String what) {
        if (expected instanceof Object[] array) {
            assertArrayEquals(array, (Object[]) actual, what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    private static NodeId id(String path) {
        return new NodeId(NAMESPACE, path);
    }

    private static Reference forward(String source, NodeId type, NodeId target) {
        return new Reference(id(source), type, target.expanded(), true);
    }

    private static Reference inverse(String source, NodeId type, NodeId target) {
        return inverse(id(source), type, target);
    }

    private static Reference inverse(NodeId source, NodeId type, NodeId target) {
        return new Reference(source, type, target.expanded(), false);
    }
}
