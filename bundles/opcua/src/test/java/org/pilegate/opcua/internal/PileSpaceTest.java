package org.pilegate.opcua.internal;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.opcua.internal.TestSite.PASSWORD;
import static org.pilegate.opcua.internal.TestSite.WAIT;
import static org.pilegate.opcua.internal.TestSite.eventually;
import static org.pilegate.opcua.internal.TestSite.names;
import static org.pilegate.opcua.internal.TestSite.value;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedDataItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedSubscription;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowsePath;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePath;
import org.eclipse.milo.opcua.stack.core.types.structured.RelativePathElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;

/** The piles' nodes, made on demand, as a real Milo client browses, reads, writes and monitors them. */
class PileSpaceTest {

    @TempDir
    Path etc;

    private final FakePileController bay1 = new FakePileController("bay-01", 1_000);
    private final FakePileController bay2 = new FakePileController("bay-02", 2_000);
    private TestSite site;

    @BeforeEach
    void start() throws Exception {
        site = new TestSite(etc);
        site.namespace().addPile(bay1);
        site.namespace().addPile(bay2);
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    @Test
    void browsingAPileShowsItsReferencesBothWays() throws Exception {
        try (BmsClient client = site.anonymous()) {
            eventually("both piles shown", () -> names(client, "Site/Piles").equals(List.of("Pile_bay-01",
                    "Pile_bay-02")));
            List<ReferenceDescription> pile = browse(client, "Site/Piles/bay-01", BrowseDirection.Both);
            ReferenceDescription organizer = pile.stream().filter(r -> !r.getIsForward()).findFirst().orElseThrow();
            assertEquals(Identifiers.Organizes, organizer.getReferenceTypeId());
            assertEquals("Piles", organizer.getBrowseName().getName());
            assertEquals(Identifiers.FolderType, typeDefinition(client, organizer));
            ReferenceDescription meter = pile.stream().filter(r -> r.getBrowseName().getName().equals("Meter"))
                    .findFirst().orElseThrow();
            assertEquals(NodeClass.Object, meter.getNodeClass());
            assertEquals(Identifiers.BaseObjectType, typeDefinition(client, meter));
            ReferenceDescription power = pile.stream().filter(r -> r.getBrowseName().getName().equals("PowerW"))
                    .findFirst().orElseThrow();
            assertEquals(Identifiers.AnalogItemType, typeDefinition(client, power));
            assertEquals(1 + 1 + 1 + 14, pile.size(), "type, folder, meter and 14 variables");

            List<ReferenceDescription> units = browse(client, "Site/Piles/bay-01/PowerW.EngineeringUnits",
                    BrowseDirection.Inverse);
            assertEquals(List.of("PowerW"), units.stream().map(r -> r.getBrowseName().getName()).toList());
            assertTrue(browse(client, "Site/Piles", BrowseDirection.Forward).stream()
                    .anyMatch(r -> r.getBrowseName().getName().equals("Pile_bay-02")));
            assertTrue(browseFrom(client, Identifiers.BaseObjectType).stream()
                    .anyMatch(r -> client.node("Site/Piles/bay-02/Meter").expanded().equals(r.getNodeId())));
        }
    }

    @Test
    void everyAttributeOfAVariableAndOfItsUnitsIsRead() throws Exception {
        try (BmsClient client = site.anonymous()) {
            eventually("register shown", () -> Long.valueOf(1_000).equals(value(client,
                    "Site/Piles/bay-01/EnergyRegisterWh")));
            Map<AttributeId, DataValue> register = readAll(client, "Site/Piles/bay-01/EnergyRegisterWh");
            for (Map.Entry<AttributeId, DataValue> attribute : register.entrySet()) {
                assertTrue(attribute.getValue().getStatusCode().isGood(), attribute::toString);
            }
            assertEquals(NodeClass.Variable.getValue(), attribute(register, AttributeId.NodeClass));
            assertEquals(new QualifiedName(client.node("Site").getNamespaceIndex(), "EnergyRegisterWh"),
                    attribute(register, AttributeId.BrowseName));
            assertEquals(1_000L, attribute(register, AttributeId.Value));
            assertEquals(Identifiers.Int64, attribute(register, AttributeId.DataType));
            assertEquals(-1, attribute(register, AttributeId.ValueRank));
            assertEquals(AccessLevel.toValue(AccessLevel.READ_ONLY), attribute(register, AttributeId.UserAccessLevel));
            assertEquals(0.0, attribute(register, AttributeId.MinimumSamplingInterval));
            assertEquals(false, attribute(register, AttributeId.Historizing));

            Map<AttributeId, DataValue> units = readAll(client, "Site/Piles/bay-01/EnergyRegisterWh.EngineeringUnits");
            assertEquals(new QualifiedName(0, "EngineeringUnits"), attribute(units, AttributeId.BrowseName));
            assertEquals(Identifiers.EUInformation, attribute(units, AttributeId.DataType));
            EUInformation unit = (EUInformation) ((ExtensionObject) attribute(units, AttributeId.Value))
                    .decode(client.milo().getStaticSerializationContext());
            assertEquals(Units.WATT_HOUR.getUnitId(), unit.getUnitId());
            assertEquals(Units.WATT_HOUR.getDisplayName(), unit.getDisplayName());
            assertEquals(StatusCodes.Bad_AttributeIdInvalid, client.milo().read(0, TimestampsToReturn.Both,
                    List.of(new ReadValueId(client.node("Site/Piles/bay-01/PowerW"), AttributeId.EventNotifier.uid(),
                            null, QualifiedName.NULL_VALUE))).get().getResults()[0].getStatusCode().getValue());
        }
    }

    @Test
    void browsePathsLeadToThePilesNodes() throws Exception {
        try (BmsClient client = site.anonymous()) {
            int ns = client.node("Site").getNamespaceIndex().intValue();
            List<BrowsePath> paths = List.of(
                    path(new QualifiedName(ns, "Site"), new QualifiedName(ns, "Piles"),
                            new QualifiedName(ns, "Pile_bay-02"), new QualifiedName(ns, "Meter"),
                            new QualifiedName(ns, "L1VoltageV"), new QualifiedName(0, "EngineeringUnits")),
                    path(new QualifiedName(ns, "Site"), new QualifiedName(ns, "Piles"),
                            new QualifiedName(ns, "Pile_bay-99")));
            var results = client.milo().translateBrowsePaths(paths).get().getResults();

            assertEquals(client.node("Site/Piles/bay-02/Meter/L1VoltageV.EngineeringUnits").expanded(),
                    results[0].getTargets()[0].getTargetId());
            assertEquals(StatusCodes.Bad_NoMatch, results[1].getStatusCode().getValue());
        }
    }

    @Test
    void aMonitoredVariableGetsItsValueAndEveryChangeUntilItsPileIsRemoved() throws Exception {
        try (BmsClient client = site.anonymous()) {
            ManagedSubscription subscription = ManagedSubscription.create(client.milo(), 100);
            BlockingQueue<DataValue> power = new LinkedBlockingQueue<>();
            ManagedDataItem item = subscription.createDataItem(client.node("Site/Piles/bay-02/PowerW"));
            item.addDataValueListener(power::add);
            assertEquals(0L, next(power).getValue().getValue(), "the value when subscribing");

            bay2.deliver(7_000, 2_010);
            assertEquals(7_000L, next(power).getValue().getValue());
            site.namespace().removePile(bay2);
            assertEquals(StatusCodes.Bad_NodeIdUnknown, next(power).getStatusCode().getValue());
            assertEquals(StatusCodes.Bad_NodeIdUnknown,
                    client.read("Site/Piles/bay-02/PowerW").getStatusCode().getValue());
            assertFalse(names(client, "Site/Piles").contains("Pile_bay-02"));
            subscription.delete();
        }
    }

    @Test
    void onlyAnOperatorWritesAPilesAvailability() throws Exception {
        try (BmsClient anonymous = site.anonymous();
                BmsClient operator = site.operator(MessageSecurityMode.SignAndEncrypt, PASSWORD)) {
            assertEquals(AccessLevel.toValue(AccessLevel.READ_ONLY), userAccessLevel(anonymous));
            assertEquals(AccessLevel.toValue(AccessLevel.READ_WRITE), userAccessLevel(operator));
            assertEquals(StatusCodes.Bad_UserAccessDenied,
                    anonymous.write("Site/Piles/bay-01/Available", new Variant(false)).getValue());
            assertTrue(site.depot.settings(new PileId("bay-01")).available());

            assertTrue(operator.write("Site/Piles/bay-01/Available", new Variant(false)).isGood());
            assertFalse(site.depot.settings(new PileId("bay-01")).available());
            eventually("shown out of service", () -> Boolean.FALSE.equals(value(anonymous,
                    "Site/Piles/bay-01/Available")));
            assertEquals(StatusCodes.Bad_NotWritable,
                    operator.write("Site/Piles/bay-01/State", new Variant("AVAILABLE")).getValue());
            assertEquals(StatusCodes.Bad_NodeIdUnknown,
                    operator.write("Site/Piles/bay-99/Available", new Variant(true)).getValue());
        }
    }

    private static DataValue next(BlockingQueue<DataValue> values) throws InterruptedException {
        DataValue value = values.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("no value within " + WAIT);
        }
        return value;
    }

    private static Object userAccessLevel(BmsClient client) throws Exception {
        return attribute(readAll(client, "Site/Piles/bay-01/Available"), AttributeId.UserAccessLevel);
    }

    /** Every attribute a variable has. */
    private static Map<AttributeId, DataValue> readAll(BmsClient client, String path) throws Exception {
        List<AttributeId> attributes = List.copyOf(AttributeId.VARIABLE_ATTRIBUTES);
        List<ReadValueId> ids = attributes.stream()
                .map(attribute -> new ReadValueId(client.node(path), attribute.uid(), null, QualifiedName.NULL_VALUE))
                .toList();
        DataValue[] values = client.milo().read(0, TimestampsToReturn.Both, ids).get().getResults();
        Map<AttributeId, DataValue> read = new EnumMap<>(AttributeId.class);
        for (int i = 0; i < values.length; i++) {
            read.put(attributes.get(i), values[i]);
        }
        return read;
    }

    private static Object attribute(Map<AttributeId, DataValue> read, AttributeId attribute) {
        return read.get(attribute).getValue().getValue();
    }

    private static List<ReferenceDescription> browse(BmsClient client, String path, BrowseDirection direction)
            throws Exception {
        BrowseResult result = client.milo().browse(new BrowseDescription(client.node(path), direction,
                Identifiers.References, true, uint(0), uint(63))).get();
        assertTrue(result.getStatusCode().isGood(), () -> path + ": " + result.getStatusCode());
        return List.of(result.getReferences());
    }

    private static List<ReferenceDescription> browseFrom(BmsClient client, NodeId node) throws Exception {
        return List.of(client.milo().browse(new BrowseDescription(node, BrowseDirection.Inverse,
                Identifiers.HasTypeDefinition, false, uint(0), uint(63))).get().getReferences());
    }

    private static NodeId typeDefinition(BmsClient client, ReferenceDescription reference) {
        return reference.getTypeDefinition().toNodeId(client.milo().getNamespaceTable()).orElseThrow();
    }

    private static BrowsePath path(QualifiedName... names) {
        RelativePathElement[] elements = new RelativePathElement[names.length];
        for (int i = 0; i < names.length; i++) {
            elements[i] = new RelativePathElement(Identifiers.HierarchicalReferences, false, true, names[i]);
        }
        return new BrowsePath(Identifiers.ObjectsFolder, new RelativePath(elements));
    }
}
