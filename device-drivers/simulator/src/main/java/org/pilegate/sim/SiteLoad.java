package org.pilegate.sim;

import org.pilegate.api.site.Phase;

/**
 * What a simulated depot draws at its grid connection on each phase: the building's other load as its site meter
 * last read it, and every pile's current through its wiring.
 *
 * @param buildingMa the building's load on L1, L2, L3 in mA
 * @param totalMa the building's and all piles' on L1, L2, L3 in mA
 */
public record SiteLoad(long[] buildingMa, long[] totalMa) {

    public SiteLoad {
        if (buildingMa.length != 3 || totalMa.length != 3) {
            throw new IllegalArgumentException("three phases each, not " + buildingMa.length + "/" + totalMa.length);
        }
        buildingMa = buildingMa.clone();
        totalMa = totalMa.clone();
    }

    public long totalMa(Phase phase) {
        return totalMa[phase.ordinal()];
    }

    public long buildingMa(Phase phase) {
        return buildingMa[phase.ordinal()];
    }
}
