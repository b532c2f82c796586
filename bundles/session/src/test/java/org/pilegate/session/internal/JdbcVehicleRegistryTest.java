package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;

/** Against real databases, H2 and PostgreSQL, with the store's own schema migrations. */
abstract class JdbcVehicleRegistryTest {

    private static final AccountId ANNA = new AccountId("anna");
    private static final AccountId BORIS = new AccountId("boris");
    private static final VehicleId EV = new VehicleId("DE8AAEVCC1234");

    private JdbcVehicleRegistry registry;

    @BeforeEach
    void connect() throws Exception {
        DataSource database = freshDatabase();
        registry = new JdbcVehicleRegistry(database, Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC));
        registry.registerAccount(ANNA, "Anna");
        registry.registerAccount(BORIS, "Boris");
    }

    @Test
    void aPluggedVehicleLeadsToItsAccountAndTerminals() {
        registry.registerVehicle(EV, ANNA);
        registry.registerTerminal(new TerminalId("anna-phone"), ANNA);
        registry.registerTerminal(new TerminalId("anna-tablet"), ANNA);

        assertEquals(Optional.of(ANNA), registry.accountOf(EV));
        assertEquals(List.of(new TerminalId("anna-phone"), new TerminalId("anna-tablet")), registry.terminalsOf(ANNA));
        assertEquals(List.of(), registry.terminalsOf(BORIS));
        assertEquals(Optional.of(ANNA), registry.accountOfTerminal(new TerminalId("anna-tablet")));
        assertEquals(Optional.empty(), registry.accountOfTerminal(new TerminalId("stranger")));
    }

    @Test
    void unknownVehiclesBelongToNobody() {
        assertEquals(Optional.empty(), registry.accountOf(new VehicleId("STRANGER")));
    }

    @Test
    void registeringTwiceChangesNothingAndReRegisteringMoves() {
        registry.registerVehicle(EV, ANNA);
        registry.registerVehicle(EV, ANNA);
        assertEquals(Optional.of(ANNA), registry.accountOf(EV));

        registry.registerVehicle(EV, BORIS);
        assertEquals(Optional.of(BORIS), registry.accountOf(EV));
    }

    @Test
    void aVehicleNeedsAnExistingAccount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.registerVehicle(EV, new AccountId("nobody")));
        assertEquals("no account nobody", e.getMessage());
    }

    @Test
    void unregisteringSaysWhetherThereWasSomethingToRemove() {
        registry.registerVehicle(EV, ANNA);
        assertTrue(registry.unregisterVehicle(EV));
        assertFalse(registry.unregisterVehicle(EV));
        assertEquals(Optional.empty(), registry.accountOf(EV));
    }

    @Test
    void accountNamesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> registry.registerAccount(ANNA, " "));
    }

    /** A new, empty database with the store's schema. */
    abstract DataSource freshDatabase() throws Exception;
}
