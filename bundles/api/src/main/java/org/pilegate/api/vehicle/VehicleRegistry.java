package org.pilegate.api.vehicle;

import java.util.List;
import java.util.Optional;

import org.pilegate.api.terminal.TerminalId;

/**
 * Who a plugged-in vehicle belongs to and which terminals (driver apps) reach that account, kept in the store.
 * Registrations are idempotent: registering the same thing twice changes nothing; moving a vehicle or terminal to
 * another account is an explicit re-registration.
 */
public interface VehicleRegistry {

    /** The account a vehicle is registered to. */
    Optional<AccountId> accountOf(VehicleId vehicle);

    /** The account a terminal is registered to: the one that pays for what the terminal charges. */
    Optional<AccountId> accountOfTerminal(TerminalId terminal);

    /** The terminals registered to an account, oldest first. */
    List<TerminalId> terminalsOf(AccountId account);

    /** Creates the account, or renames it. */
    void registerAccount(AccountId account, String displayName);

    /**
     * Registers the vehicle to the account, moving it if it belonged to another.
     *
     * @throws IllegalArgumentException if the account does not exist
     */
    void registerVehicle(VehicleId vehicle, AccountId account);

    /**
     * Registers the terminal to the account, moving it if it belonged to another.
     *
     * @throws IllegalArgumentException if the account does not exist
     */
    void registerTerminal(TerminalId terminal, AccountId account);

    /** @return whether the vehicle was registered */
    boolean unregisterVehicle(VehicleId vehicle);
}
