package org.pilegate.api.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;

class FeeNoticeTest {

    private static final SessionId SESSION = new SessionId("s-1");
    private static final Instant ISSUED = Instant.parse("2025-03-01T10:00:00Z");
    private static final FeeLine ENERGY = new FeeLine(FeeLine.Component.ENERGY, 20_000, "Wh",
            Money.of(600, "EUR"), Optional.of(Money.of(114, "EUR")));
    private static final FeeLine FLAT = new FeeLine(FeeLine.Component.FLAT, 1, "session",
            Money.of(100, "EUR"), Optional.of(Money.of(19, "EUR")));

    @Test
    void acceptsTotalEqualToSumOfLinesWithVat() {
        FeeNotice notice = new FeeNotice(SESSION, "fee-1", Money.of(833, "EUR"), List.of(ENERGY, FLAT), ISSUED);

        assertEquals(List.of(ENERGY, FLAT), notice.lines());
        assertEquals("fee_notice", notice.type());
    }

    @Test
    void aLineWithoutVatLeavesTheVatUnknownAndTheTotalIsWhatTheLinesState() {
        FeeLine parking = new FeeLine(FeeLine.Component.PARKING_TIME, 1800, "s", Money.of(300, "EUR"),
                Optional.empty());
        FeeNotice notice = new FeeNotice(SESSION, "fee-1", Money.of(419, "EUR"), List.of(FLAT, parking), ISSUED);

        assertEquals(Money.of(300, "EUR"), parking.total());
        assertFalse(notice.vatKnown());
        assertTrue(new FeeNotice(SESSION, "fee-2", Money.of(119, "EUR"), List.of(FLAT), ISSUED).vatKnown());
    }

    @Test
    void rejectsTotalThatDiffersFromLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeeNotice(SESSION, "fee-1", Money.of(700, "EUR"), List.of(ENERGY, FLAT), ISSUED));
        assertEquals("total EUR 7.00 differs from the sum of lines EUR 8.33", e.getMessage());
    }

    @Test
    void emptyNoticeMustBeZero() {
        assertEquals(List.of(),
                new FeeNotice(SESSION, "fee-0", Money.of(0, "EUR"), List.of(), ISSUED).lines());
        assertThrows(IllegalArgumentException.class,
                () -> new FeeNotice(SESSION, "fee-0", Money.of(1, "EUR"), List.of(), ISSUED));
    }

    @Test
    void rejectsLinesInAnotherCurrency() {
        FeeLine francs = new FeeLine(FeeLine.Component.TIME, 30, "min", Money.of(300, "CHF"), Optional.of(Money.of(0, "CHF")));

        assertThrows(IllegalArgumentException.class,
                () -> new FeeNotice(SESSION, "fee-1", Money.of(300, "EUR"), List.of(francs), ISSUED));
    }

    @Test
    void keepsItsOwnCopyOfTheLines() {
        List<FeeLine> lines = new ArrayList<>(List.of(ENERGY));
        FeeNotice notice = new FeeNotice(SESSION, "fee-1", Money.of(714, "EUR"), lines, ISSUED);

        lines.add(FLAT);

        assertEquals(List.of(ENERGY), notice.lines());
        assertThrows(UnsupportedOperationException.class, () -> notice.lines().add(FLAT));
    }
}
