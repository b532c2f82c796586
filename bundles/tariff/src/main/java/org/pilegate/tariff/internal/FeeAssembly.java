package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.pilegate.api.money.Money;
import org.pilegate.api.tariff.PricedPeriod;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.tariff.PriceBound;
import org.pilegate.tariff.PriceComponent;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.SessionFee.PriceLimitApplied;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.internal.DimensionBilling.BilledRun;

/**
 * Billed quantities to money: one line per dimension and element, each amount rounded once, then the tariff's price
 * limits.
 */
final class FeeAssembly {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final List<Component> DISPLAY_ORDER = List.of(Component.FLAT, Component.ENERGY, Component.TIME,
            Component.PARKING_TIME);

    /**
     * A line being assembled, in minor units; {@code vatPercent} empty where the tariff gives none, and {@code vat}
     * then unknown ({@code vatKnown} false, {@code vat} 0) unless a price limit states it.
     */
    private record Line(Component component, long quantity, String unit, long exVat, Optional<BigDecimal> vatPercent,
            long vat, boolean vatKnown) {

        long total() {
            return Math.addExact(exVat, vat);
        }
    }

    private record LineKey(Component dimension, int element) {
    }

    private FeeAssembly() {
    }

    /** @param periods the session where its prices change, to go with the price as they are */
    static SessionFee fee(Tariff tariff, List<BilledRun> runs, List<PricedPeriod> periods) {
        int digits = tariff.currency().getDefaultFractionDigits();
        Map<LineKey, Long> quantities = new LinkedHashMap<>();
        runs.stream()
                .sorted(Comparator.comparing(run -> DISPLAY_ORDER.indexOf(run.dimension())))
                .forEach(run -> quantities.merge(new LineKey(run.dimension(), run.element()), run.quantity(),
                        Math::addExact));
        List<Line> lines = new ArrayList<>();
        quantities.forEach((key, quantity) -> {
            if (quantity > 0) {
                PriceComponent price = tariff.elements().get(key.element()).component(key.dimension()).orElseThrow();
                long exVat = price.price().multiply(BigDecimal.valueOf(quantity)).movePointRight(digits)
                        .divide(unitsPerPricedUnit(key.dimension()), 0, RoundingMode.HALF_UP).longValueExact();
                lines.add(new Line(key.dimension(), quantity, unit(key.dimension()), exVat, price.vat(),
                        vat(exVat, price.vat()), price.vat().isPresent()));
            }
        });
        Money componentsTotal = money(sum(lines, Line::total), tariff);
        Optional<PriceLimitApplied> limit = Optional.empty();
        if (tariff.maxPrice().isPresent() && lowerToMaxPrice(lines, tariff.maxPrice().get(), digits)) {
            limit = Optional.of(new PriceLimitApplied(PriceLimitApplied.Kind.MAX_PRICE, componentsTotal));
        }
        if (tariff.minPrice().isPresent() && raiseToMinPrice(lines, tariff.minPrice().get(), digits)) {
            limit = Optional.of(new PriceLimitApplied(PriceLimitApplied.Kind.MIN_PRICE, componentsTotal));
        }
        List<FeeLine> feeLines = lines.stream()
                .map(line -> new FeeLine(line.component(), line.quantity(), line.unit(), money(line.exVat(), tariff),
                        Optional.of(money(line.vat(), tariff)).filter(vat -> line.vatKnown())))
                .toList();
        return new SessionFee(new PricedSession(money(sum(lines, Line::total), tariff), feeLines, tariff.id(),
                tariff.ocpi(), periods), limit);
    }

    /**
     * OCPI max_price: the total excluding VAT may not exceed excl_vat, nor the total including VAT incl_vat. The
     * amounts excluding VAT are scaled down in proportion to their cap and their VAT recomputed; if the total
     * including VAT is still above incl_vat, the VAT amounts are scaled down in proportion to what is left of it (the
     * limit has its own VAT, incl_vat − excl_vat, as OCPI's Price does). Shares are whole minor units, the
     * remainder going to the largest fractions.
     */
    private static boolean lowerToMaxPrice(List<Line> lines, PriceBound max, int digits) {
        long exVat = sum(lines, Line::exVat);
        long maxExVat = minorUnits(max.exclVat(), digits);
        Optional<Long> maxTotal = max.inclVat().map(incl -> minorUnits(incl, digits));
        if (exVat <= maxExVat && maxTotal.map(cap -> sum(lines, Line::total) <= cap).orElse(true)) {
            return false;
        }
        long targetExVat = Math.min(exVat, Math.min(maxExVat, maxTotal.orElse(Long.MAX_VALUE)));
        long[] exShares = shareOut(lines.stream().mapToLong(Line::exVat).toArray(), targetExVat);
        long[] vats = new long[lines.size()];
        for (int i = 0; i < vats.length; i++) {
            vats[i] = vat(exShares[i], lines.get(i).vatPercent());
        }
        if (maxTotal.isPresent() && targetExVat + Arrays.stream(vats).sum() > maxTotal.get()) {
            vats = shareOut(vats, maxTotal.get() - targetExVat);
        }
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            lines.set(i, new Line(line.component(), line.quantity(), line.unit(), exShares[i], line.vatPercent(),
                    vats[i], line.vatKnown()));
        }
        return true;
    }

    /**
     * OCPI min_price: a FLAT line of unit "min_price" tops the total excluding VAT up to excl_vat and, if given, the
     * total including VAT up to incl_vat; its VAT is what incl_vat needs beyond excl_vat, unknown without incl_vat.
     */
    private static boolean raiseToMinPrice(List<Line> lines, PriceBound min, int digits) {
        long topUpExVat = Math.max(0, minorUnits(min.exclVat(), digits) - sum(lines, Line::exVat));
        long totalAfterTopUp = sum(lines, Line::total) + topUpExVat;
        long topUpVat = min.inclVat().map(incl -> Math.max(0, minorUnits(incl, digits) - totalAfterTopUp)).orElse(0L);
        if (topUpExVat == 0 && topUpVat == 0) {
            return false;
        }
        lines.add(new Line(Component.FLAT, 1, SessionFee.MIN_PRICE_UNIT, topUpExVat, Optional.empty(), topUpVat,
                min.inclVat().isPresent()));
        return true;
    }

    /** Shares of {@code target} in proportion to {@code amounts}, whole units, largest fractions first. */
    private static long[] shareOut(long[] amounts, long target) {
        long total = Arrays.stream(amounts).sum();
        long[] shares = new long[amounts.length];
        if (total == 0) {
            return shares;
        }
        long[] remainders = new long[amounts.length];
        long left = target;
        for (int i = 0; i < amounts.length; i++) {
            long scaled = Math.multiplyExact(amounts[i], target);
            shares[i] = scaled / total;
            remainders[i] = scaled % total;
            left -= shares[i];
        }
        for (; left > 0; left--) {
            int largest = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[largest]) {
                    largest = i;
                }
            }
            shares[largest]++;
            remainders[largest] = -1;
        }
        return shares;
    }

    /** VAT of a line: its amount excluding VAT times the percentage, rounded half up once. */
    private static long vat(long exVat, Optional<BigDecimal> percent) {
        return percent.map(p -> BigDecimal.valueOf(exVat).multiply(p).divide(HUNDRED, 0, RoundingMode.HALF_UP)
                .longValueExact()).orElse(0L);
    }

    private static long minorUnits(BigDecimal amount, int digits) {
        return amount.movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** OCPI prices ENERGY per kWh and the times per hour, but they are billed in Wh and seconds. */
    private static BigDecimal unitsPerPricedUnit(Component dimension) {
        return switch (dimension) {
            case ENERGY -> BigDecimal.valueOf(1_000);
            case TIME, PARKING_TIME -> BigDecimal.valueOf(3_600);
            case FLAT -> BigDecimal.ONE;
        };
    }

    private static String unit(Component dimension) {
        return switch (dimension) {
            case ENERGY -> "Wh";
            case TIME, PARKING_TIME -> "s";
            case FLAT -> "session";
        };
    }

    private static long sum(List<Line> lines, ToLongFunction<Line> amount) {
        return lines.stream().mapToLong(amount).reduce(0, Math::addExact);
    }

    private static Money money(long minorUnits, Tariff tariff) {
        return new Money(minorUnits, tariff.currency());
    }
}
