package org.pilegate.sim.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.pilegate.device.profile.InvalidProfileException;

/**
 * Which addresses of each table a device model serves, and where each one's value sits in a device's dense value
 * array: real maps are sparse (a meter may serve a dozen registers around address 23,000). Built once per
 * profile and shared by all its devices.
 */
final class RegisterMap {

    /** Served addresses {@code start..end-1}, whose values start at {@code offset}. */
    private record Run(int start, int end, int offset) {
    }

    private final Map<Table, List<Run>> runs;

    private RegisterMap(Map<Table, List<Run>> runs) {
        this.runs = runs;
    }

    static Builder builder(String profileId) {
        return new Builder(profileId);
    }

    /** Where the values of the {@code count} items at {@code address} start, if every one of them is served. */
    OptionalInt index(Table table, int address, int count) {
        List<Run> served = runs.get(table);
        int low = 0;
        int high = served.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Run run = served.get(middle);
            if (address < run.start()) {
                high = middle - 1;
            } else if (address >= run.end()) {
                low = middle + 1;
            } else {
                return address + count <= run.end() ? OptionalInt.of(run.offset() + address - run.start())
                        : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** How many addresses of {@code table} are served. */
    int size(Table table) {
        List<Run> served = runs.get(table);
        if (served.isEmpty()) {
            return 0;
        }
        Run last = served.get(served.size() - 1);
        return last.offset() + last.end() - last.start();
    }

    static final class Builder {

        private final String profileId;
        private final Map<Table, BitSet> mapped = new EnumMap<>(Table.class);

        private Builder(String profileId) {
            this.profileId = profileId;
            for (Table table : Table.values()) {
                mapped.put(table, new BitSet());
            }
        }

        /** @throws InvalidProfileException if the items overlap ones mapped before */
        Builder map(Table table, int address, int count, String what) {
            BitSet served = mapped.get(table);
            if (served.get(address, address + count).cardinality() > 0) {
                throw new InvalidProfileException(profileId, what + " overlaps another point in " + table
                        + " at " + address);
            }
            served.set(address, address + count);
            return this;
        }

        RegisterMap build() {
            Map<Table, List<Run>> runs = new EnumMap<>(Table.class);
            mapped.forEach((table, served) -> {
                List<Run> tableRuns = new ArrayList<>();
                int offset = 0;
                for (int start = served.nextSetBit(0); start >= 0; start = served.nextSetBit(start)) {
                    int end = served.nextClearBit(start);
                    tableRuns.add(new Run(start, end, offset));
                    offset += end - start;
                    start = end;
                }
                runs.put(table, List.copyOf(tableRuns));
            });
            return new RegisterMap(runs);
        }
    }
}
