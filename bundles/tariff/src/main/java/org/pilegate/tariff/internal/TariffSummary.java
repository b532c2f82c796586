package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.tariff.PriceComponent;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffElement;
import org.pilegate.tariff.TariffRestrictions;

/**
 * A tariff in words for the driver, e.g. "1.00 EUR per session, 0.29 EUR/kWh 22:00–06:00, otherwise 0.39 EUR/kWh,
 * parking free before charging, otherwise 6.00 EUR/h parking; prices excl. 19 % VAT". Components are listed in the
 * tariff's order of precedence, each with its restrictions; prices are OCPI's, excluding VAT.
 */
final class TariffSummary {

    /** A max_kwh this small is how an OCPI tariff says "before any energy flowed". */
    private static final BigDecimal ONE_WH_IN_KWH = new BigDecimal("0.001");

    private TariffSummary() {
    }

    static String of(Tariff tariff) {
        Set<Optional<BigDecimal>> vatRates = tariff.elements().stream()
                .flatMap(element -> element.priceComponents().stream())
                .filter(component -> component.price().signum() > 0)
                .map(component -> component.vat().map(BigDecimal::stripTrailingZeros))
                .collect(Collectors.toSet());
        boolean oneVatRate = vatRates.size() == 1;
        Set<Component> restrictedBefore = EnumSet.noneOf(Component.class);
        List<String> items = new ArrayList<>();
        for (TariffElement element : tariff.elements()) {
            boolean restricted = !element.restrictions().equals(TariffRestrictions.NONE);
            for (PriceComponent component : element.priceComponents()) {
                StringBuilder item = new StringBuilder();
                if (!restricted && restrictedBefore.contains(component.type())) {
                    item.append("otherwise ");
                }
                item.append(price(component, tariff)).append(conditions(element.restrictions()));
                if (!oneVatRate && component.price().signum() > 0) {
                    item.append(component.vat().map(vat -> " + " + vat.stripTrailingZeros().toPlainString() + " % VAT")
                            .orElse(""));
                }
                items.add(item.toString());
                if (restricted) {
                    restrictedBefore.add(component.type());
                }
            }
        }
        StringBuilder summary = new StringBuilder(String.join(", ", items));
        if (oneVatRate) {
            vatRates.iterator().next()
                    .ifPresent(vat -> summary.append("; prices excl. ").append(vat.toPlainString()).append(" % VAT"));
        }
        tariff.minPrice().ifPresent(min -> summary.append("; at least ").append(amount(min.exclVat(), tariff)));
        tariff.maxPrice().ifPresent(max -> summary.append("; at most ").append(amount(max.exclVat(), tariff)));
        return summary.toString();
    }

    private static String price(PriceComponent component, Tariff tariff) {
        boolean free = component.price().signum() == 0;
        String amount = amount(component.price(), tariff);
        return switch (component.type()) {
            case ENERGY -> free ? "energy free" : amount + "/kWh";
            case TIME -> free ? "charging time free" : amount + "/h charging";
            case PARKING_TIME -> free ? "parking free" : amount + "/h parking";
            case FLAT -> free ? "no session fee" : amount + " per session";
        };
    }

    /** The amount with at least the currency's decimals, e.g. "0.20 EUR", "0.125 EUR". */
    private static String amount(BigDecimal value, Tariff tariff) {
        BigDecimal shown = value.stripTrailingZeros();
        int digits = tariff.currency().getDefaultFractionDigits();
        if (shown.scale() < digits) {
            shown = shown.setScale(digits);
        }
        return shown.toPlainString() + " " + tariff.currency().getCurrencyCode();
    }

    private static String conditions(TariffRestrictions r) {
        List<String> parts = new ArrayList<>();
        if (r.minKwh().isEmpty() && r.maxKwh().filter(max -> max.compareTo(ONE_WH_IN_KWH) <= 0).isPresent()) {
            parts.add("before charging");
        } else {
            range(r.minKwh(), r.maxKwh(), TariffSummary::number, " kWh", "from ", "up to ").ifPresent(parts::add);
        }
        range(r.minPower(), r.maxPower(), TariffSummary::number, " kW", "from ", "below ").ifPresent(parts::add);
        range(r.minCurrent(), r.maxCurrent(), TariffSummary::number, " A", "from ", "below ").ifPresent(parts::add);
        if (r.minDuration().isPresent() && r.maxDuration().isPresent()) {
            parts.add("from " + duration(r.minDuration().get()) + " to " + duration(r.maxDuration().get()));
        } else {
            r.minDuration().ifPresent(min -> parts.add("after " + duration(min)));
            r.maxDuration().ifPresent(max -> parts.add("for the first " + duration(max)));
        }
        range(r.startTime(), r.endTime(), Object::toString, "", "from ", "until ").ifPresent(parts::add);
        days(r.daysOfWeek()).ifPresent(parts::add);
        r.startDate().ifPresent(date -> parts.add("from " + date));
        r.endDate().ifPresent(date -> parts.add("before " + date));
        return parts.isEmpty() ? "" : " " + String.join(" ", parts);
    }

    /** "a–b unit", "from a unit" or "up to b unit", as far as the bounds are given. */
    private static <T> Optional<String> range(Optional<T> min, Optional<T> max, Function<T, String> text, String unit,
            String fromWord, String toWord) {
        if (min.isPresent() && max.isPresent()) {
            return Optional.of(text.apply(min.get()) + "–" + text.apply(max.get()) + unit);
        }
        return min.map(value -> fromWord + text.apply(value) + unit)
                .or(() -> max.map(value -> toWord + text.apply(value) + unit));
    }

    /** Consecutive days as a range, the rest one by one: "Mon–Fri", "Sat–Sun", "Mon/Wed–Thu". */
    private static Optional<String> days(Set<DayOfWeek> days) {
        List<String> parts = new ArrayList<>();
        List<DayOfWeek> sorted = days.stream().sorted().toList();
        for (int i = 0; i < sorted.size();) {
            int last = i;
            while (last + 1 < sorted.size() && sorted.get(last + 1).ordinal() == sorted.get(last).ordinal() + 1) {
                last++;
            }
            parts.add(last == i ? dayName(sorted.get(i)) : dayName(sorted.get(i)) + "–" + dayName(sorted.get(last)));
            i = last + 1;
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    private static String number(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
