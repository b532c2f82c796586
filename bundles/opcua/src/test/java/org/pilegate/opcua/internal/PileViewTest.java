package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.FakePileController;

class PileViewTest {

    private final List<String> changed = new CopyOnWriteArrayList<>();
    private final PileView view = new PileView(new FakePileController("bay-01", 0), 0, Optional.empty(),
            (pile, variable) -> changed.add(pile + " " + variable));

    @Test
    void everyValueWaitsForItsFirst() {
        for (PileVariable variable : PileVariable.values()) {
            assertEquals(new StatusCode(StatusCodes.Bad_WaitingForInitialData), view.value(variable).getStatusCode());
        }
    }

    @Test
    void aValueIsSetAndToldOnlyWhenItOrItsQualityChanges() {
        DateTime at = DateTime.now();
        view.set(PileVariable.POWER, new Variant(11_000L), StatusCode.GOOD, at);
        view.set(PileVariable.POWER, new Variant(11_000L), StatusCode.GOOD, DateTime.now());
        view.set(PileVariable.POWER, new Variant(11_000L), new StatusCode(StatusCodes.Uncertain_LastUsableValue),
                at);
        view.set(PileVariable.L1_CURRENT, new Variant(16.0), StatusCode.GOOD, at);

        assertEquals(List.of("bay-01 POWER", "bay-01 POWER", "bay-01 L1_CURRENT"), changed);
        assertEquals(new Variant(11_000L), view.value(PileVariable.POWER).getValue());
        assertEquals(new StatusCode(StatusCodes.Uncertain_LastUsableValue),
                view.value(PileVariable.POWER).getStatusCode());
        assertEquals(at, view.value(PileVariable.L1_CURRENT).getSourceTime());
    }
}
