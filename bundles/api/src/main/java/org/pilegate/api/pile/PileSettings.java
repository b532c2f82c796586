package org.pilegate.api.pile;

import java.util.OptionalInt;

/**
 * What the operator set for one pile.
 *
 * @param available whether the pile opens sessions
 * @param currentLimitA the operator's cap on the current per phase in A, if any
 */
public record PileSettings(boolean available, OptionalInt currentLimitA) {

    public static final PileSettings UNRESTRICTED = new PileSettings(true, OptionalInt.empty());
}
