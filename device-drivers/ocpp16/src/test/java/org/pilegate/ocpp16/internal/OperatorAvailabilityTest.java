package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;

import com.fasterxml.jackson.databind.JsonNode;

class OperatorAvailabilityTest {

    private final ConnectedChargePoint chargePoint = new ConnectedChargePoint();
    private final OperatorAvailability availability = new OperatorAvailability(
            pile -> pile.equals(chargePoint.connector.pile())
                    ? Optional.of(new OperatorAvailability.Place(chargePoint.link, chargePoint.connector))
                    : Optional.empty(),
            chargePoint.calls);

    @AfterEach
    void stop() {
        chargePoint.close();
    }

    @Test
    void aPileTakenOutOfServiceAndBackMakesItsConnectorInoperativeAndOperative() throws Exception {
        availability.onStatus(status(PileState.AVAILABLE));
        availability.onStatus(status(PileState.UNAVAILABLE));
        JsonNode inoperative = chargePoint.next();
        assertEquals("ChangeAvailability", inoperative.get(2).asText());
        assertEquals("Inoperative", inoperative.get(3).get("type").asText());
        assertEquals(1, inoperative.get(3).get("connectorId").asInt());
        chargePoint.answer(inoperative, "Accepted");

        availability.onStatus(status(PileState.AVAILABLE));
        assertEquals("Operative", chargePoint.next().get(3).get("type").asText());
    }

    @Test
    void aChargePointThatBootsIsToldWhatIsOutOfService() throws Exception {
        availability.onStatus(status(PileState.UNAVAILABLE));
        availability.afterBoot(chargePoint.link);
        assertEquals("Inoperative", chargePoint.next().get(3).get("type").asText());
    }

    private PileStatus status(PileState state) {
        PileId pile = chargePoint.connector.pile();
        return new PileStatus(pile, state, PlugState.A, false, 0, 0, 0, Optional.empty(), Optional.empty(),
                Instant.now());
    }
}
