package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.tariff.Tariff;

/**
 * Turns what a session used of one dimension (Wh of ENERGY, seconds of TIME or PARKING_TIME) into whole billed units,
 * by the OCPI step_size rule:
 * <ul>
 * <li>Consecutive use priced by the same element is one <em>run</em>; consecutive priced runs are one
 * <em>stretch</em>, ended by use that no element prices or by the session's end.</li>
 * <li>Inside a stretch, each run ends at the session's total of the dimension so far, rounded half up to a whole
 * unit: when switching to an element that prices the dimension too, no step applies.</li>
 * <li>The stretch's total, counted from its (rounded) start, is rounded up to a multiple of the step_size of its last
 * run's component, and the last run bills the remainder: "the step_size of the last element".</li>
 * </ul>
 */
final class DimensionBilling {

    /**
     * What one segment adds to the dimension, and the element pricing the dimension there.
     *
     * @param segment where
     * @param element index of the pricing element; empty where the dimension is free
     * @param quantity in Wh or seconds, exact
     */
    record Usage(Segment segment, OptionalInt element, BigDecimal quantity) {
    }

    /**
     * Billed units of one run.
     *
     * @param dimension what is billed
     * @param element index of the pricing element
     * @param quantity whole Wh, seconds, or 1 for FLAT
     * @param lastUseEnd where the run's last use ended
     * @param roundedUp how much more than used the run bills by its step_size; zero unless it ends a stretch
     */
    record BilledRun(Component dimension, int element, long quantity, Instant lastUseEnd, BigDecimal roundedUp) {
    }

    /**
     * What one dimension bills: its runs, and each usage's share of them in whole units (consecutive usages split a
     * run where the session total so far rounds, the last of a stretch taking its step_size's round-up), so that the
     * shares of a run add up to its quantity.
     */
    record Billing(List<Usage> usages, List<BilledRun> runs, List<Long> perUsage) {

        /** The element pricing the dimension in usage {@code i}'s segment; empty where it was free. */
        OptionalInt element(int i) {
            return usages.get(i).element();
        }

        /** Units billed for usage {@code i}. */
        long billed(int i) {
            return perUsage.get(i);
        }
    }

    /** @param usages indices of the usages the run is made of, in order; appended to while the runs are made */
    private record Run(OptionalInt element, BigDecimal quantity, Instant lastUseEnd, List<Integer> usages) {
    }

    private DimensionBilling() {
    }

    static Billing bill(Tariff tariff, Component dimension, List<Usage> usages) {
        List<Run> runs = runs(usages);
        List<BilledRun> billed = new ArrayList<>();
        long[] perUsage = new long[usages.size()];
        BigDecimal used = BigDecimal.ZERO;
        long billedSoFar = 0;
        long stretchStart = 0;
        boolean inStretch = false;
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            BigDecimal usedAfter = used.add(run.quantity());
            if (run.element().isPresent()) {
                int element = run.element().getAsInt();
                if (!inStretch) {
                    stretchStart = wholeUnits(used);
                    billedSoFar = stretchStart;
                }
                boolean endsStretch = i + 1 == runs.size() || runs.get(i + 1).element().isEmpty();
                long billedAfter = endsStretch
                        ? stretchStart + roundUp(usedAfter.subtract(BigDecimal.valueOf(stretchStart)),
                                stepSize(tariff, element, dimension))
                        : wholeUnits(usedAfter);
                BigDecimal roundedUp = endsStretch ? BigDecimal.valueOf(billedAfter).subtract(usedAfter)
                        : BigDecimal.ZERO;
                billed.add(new BilledRun(dimension, element, billedAfter - billedSoFar, run.lastUseEnd(), roundedUp));
                shareOut(run, usages, used, billedSoFar, billedAfter, perUsage);
                billedSoFar = billedAfter;
                inStretch = !endsStretch;
            }
            used = usedAfter;
        }
        return new Billing(usages, billed, Arrays.stream(perUsage).boxed().toList());
    }

    /** The run's units to its usages: each ends at the total so far rounded half up, the last at the run's end. */
    private static void shareOut(Run run, List<Usage> usages, BigDecimal usedBefore, long billedBefore,
            long billedAfter, long[] perUsage) {
        BigDecimal used = usedBefore;
        long counted = billedBefore;
        for (int k = 0; k < run.usages().size(); k++) {
            int usage = run.usages().get(k);
            used = used.add(usages.get(usage).quantity());
            long countedAfter = k + 1 == run.usages().size() ? billedAfter : wholeUnits(used);
            perUsage[usage] = countedAfter - counted;
            counted = countedAfter;
        }
    }

    private static List<Run> runs(List<Usage> usages) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < usages.size(); i++) {
            Usage usage = usages.get(i);
            if (usage.quantity().signum() <= 0) {
                continue;
            }
            int last = runs.size() - 1;
            if (last >= 0 && runs.get(last).element().equals(usage.element())) {
                // the run's list grows in place: a long session's run has thousands of usages
                Run run = runs.get(last);
                run.usages().add(i);
                runs.set(last, new Run(usage.element(), run.quantity().add(usage.quantity()), usage.segment().to(),
                        run.usages()));
            } else {
                runs.add(new Run(usage.element(), usage.quantity(), usage.segment().to(), new ArrayList<>(List.of(i))));
            }
        }
        return runs;
    }

    private static int stepSize(Tariff tariff, int element, Component dimension) {
        return tariff.elements().get(element).component(dimension).orElseThrow().stepSize();
    }

    private static long wholeUnits(BigDecimal quantity) {
        return quantity.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long roundUp(BigDecimal quantity, int step) {
        if (quantity.signum() <= 0) {
            return 0;
        }
        return quantity.divide(BigDecimal.valueOf(step), 0, RoundingMode.CEILING).longValueExact() * step;
    }
}
