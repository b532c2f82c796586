package org.pilegate.pile.internal;

/** What a pile needs of the watchdog: its devices looked at for silence while it runs. */
public interface PileWatch {

    void watch(PileMonitor monitor);

    void forget(PileMonitor monitor);
}
