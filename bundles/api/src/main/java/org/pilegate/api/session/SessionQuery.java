package org.pilegate.api.session;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.vehicle.AccountId;

/**
 * Which sessions to list.
 *
 * @param states only sessions in one of these states; empty for all
 * @param account only sessions of this account
 * @param pile only sessions on this pile
 * @param limit at most this many
 */
public record SessionQuery(Set<SessionState> states, Optional<AccountId> account, Optional<PileId> pile, int limit) {

    public SessionQuery {
        states = Set.copyOf(Objects.requireNonNull(states, "states"));
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(pile, "pile");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
    }

    /** The newest {@code limit} sessions of any state, account and pile. */
    public static SessionQuery newest(int limit) {
        return new SessionQuery(Set.of(), Optional.empty(), Optional.empty(), limit);
    }
}
