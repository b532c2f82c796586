package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;

import javax.sql.DataSource;

import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.wallet.internal.JdbcWallet;

/**
 * What the tests that price and pay sessions start from, in a fresh database: the session store, and Anna with her
 * account, her phone and her car registered and 100.00 EUR in her wallet on the real ledger.
 */
final class BillingFixture {

    static final Currency EUR = Currency.getInstance("EUR");
    static final AccountId ANNA = new AccountId("anna");
    static final TerminalId PHONE = new TerminalId("anna-phone");
    static final VehicleId CAR = new VehicleId("RFID-ANNA");
    /** What her wallet holds before any session: 100.00 EUR. */
    static final Money OPENING_BALANCE = Money.of(10_000, "EUR");

    final JdbcVehicleRegistry registry;
    final JdbcWallet wallet;
    final JdbcSessions sessions;

    /** @param registeredAt when the account, phone and car were registered */
    BillingFixture(DataSource database, Instant registeredAt) {
        registry = new JdbcVehicleRegistry(database, Clock.fixed(registeredAt, ZoneOffset.UTC));
        registry.registerAccount(ANNA, "Anna");
        registry.registerVehicle(CAR, ANNA);
        registry.registerTerminal(PHONE, ANNA);
        wallet = new JdbcWallet(database);
        wallet.topUp(ANNA, OPENING_BALANCE, "opening-balance");
        sessions = new JdbcSessions(database);
    }

    /** Anna's balance in euros now. */
    Money balance() {
        return wallet.balance(ANNA, EUR);
    }
}
