package org.pilegate.pile.internal;

/** A pile in the depot: its monitor, what its supply carries, and the depot's subscription to its status. */
record GovernedPile(PileMonitor monitor, DepotShares.Supply supply, AutoCloseable subscription) {
}
