package org.pilegate.tariff;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.tariff.internal.JsonFields;

/**
 * Reads a tariff in the JSON of the OCPI 2.2.1 Tariff object, so that a CPO's tariff can be pasted in as it is.
 * Fields that only describe the tariff (country_code, party_id, type, tariff_alt_text, tariff_alt_url, energy_mix,
 * last_updated) are accepted and not used. A tariff with an element restricted to {@code reservation} is refused:
 * pilegate takes no reservations and so cannot price them, and leaving the element out would bill something else
 * than the tariff says. Any other unknown field is refused, so that a misspelt one is not silently ignored.
 */
public final class TariffJson {

    private static final Set<String> TARIFF_FIELDS = Set.of("country_code", "party_id", "id", "currency", "type",
            "tariff_alt_text", "tariff_alt_url", "min_price", "max_price", "elements", "start_date_time",
            "end_date_time", "energy_mix", "last_updated");
    private static final Set<String> ELEMENT_FIELDS = Set.of("price_components", "restrictions");
    private static final Set<String> COMPONENT_FIELDS = Set.of("type", "price", "vat", "step_size");
    private static final Set<String> PRICE_FIELDS = Set.of("excl_vat", "incl_vat");
    private static final Set<String> RESTRICTION_FIELDS = Set.of("start_time", "end_time", "start_date", "end_date",
            "min_kwh", "max_kwh", "min_current", "max_current", "min_power", "max_power", "min_duration",
            "max_duration", "day_of_week", "reservation");
    private static final Pattern TIME = Pattern.compile("([0-1][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern DATE = Pattern.compile("[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");

    private TariffJson() {
    }

    /**
     * @return the tariff, keeping {@code json} as its OCPI form
     * @throws InvalidTariffException naming the JSON path at fault and why
     */
    public static Tariff read(String json) {
        JsonFields tariff = JsonFields.parse(json, TARIFF_FIELDS);
        String id = tariff.text("id");
        Currency currency = tariff.required("currency", TariffJson::currency);
        List<TariffElement> elements = new ArrayList<>();
        for (JsonFields element : tariff.objects("elements", ELEMENT_FIELDS)) {
            Optional<JsonFields> restrictions = element.object("restrictions", RESTRICTION_FIELDS);
            if (restrictions.flatMap(r -> r.optionalText("reservation")).isPresent()) {
                throw restrictions.get().invalid("reservation", "pilegate takes no reservations and cannot price"
                        + " them; remove this element, or the tariff is not used");
            }
            elements.add(element.build(() -> new TariffElement(
                    element.objects("price_components", COMPONENT_FIELDS).stream()
                            .map(TariffJson::component).toList(),
                    restrictions.map(TariffJson::restrictions).orElse(TariffRestrictions.NONE))));
        }
        return tariff.build(() -> new Tariff(id, currency, elements,
                tariff.object("min_price", PRICE_FIELDS).map(TariffJson::price),
                tariff.object("max_price", PRICE_FIELDS).map(TariffJson::price),
                tariff.optional("start_date_time", TariffJson::instant),
                tariff.optional("end_date_time", TariffJson::instant), Optional.of(json)));
    }

    private static PriceComponent component(JsonFields component) {
        Component type = component.required("type", oneOf(Component.class));
        // OCPI requires step_size; a FLAT fee has no unit to step, so pasted tariffs often leave it out there
        int stepSize = type == Component.FLAT
                ? component.optionalInteger("step_size").orElse(1)
                : component.optionalInteger("step_size")
                        .orElseThrow(() -> component.invalid("step_size", "required for " + type));
        return component.build(() -> new PriceComponent(type, component.decimal("price"),
                component.optionalDecimal("vat"), stepSize));
    }

    private static PriceBound price(JsonFields price) {
        return price.build(() -> new PriceBound(price.decimal("excl_vat"), price.optionalDecimal("incl_vat")));
    }

    private static TariffRestrictions restrictions(JsonFields r) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        r.texts("day_of_week", oneOf(DayOfWeek.class)).forEach(days::add);
        return r.build(() -> new TariffRestrictions(
                r.optional("start_time", matching(TIME, "HH:MM", LocalTime::parse)),
                r.optional("end_time", matching(TIME, "HH:MM", LocalTime::parse)),
                r.optional("start_date", matching(DATE, "YYYY-MM-DD", LocalDate::parse)),
                r.optional("end_date", matching(DATE, "YYYY-MM-DD", LocalDate::parse)),
                r.optionalDecimal("min_kwh"), r.optionalDecimal("max_kwh"),
                r.optionalDecimal("min_current"), r.optionalDecimal("max_current"),
                r.optionalDecimal("min_power"), r.optionalDecimal("max_power"),
                r.optionalInteger("min_duration").map(Duration::ofSeconds),
                r.optionalInteger("max_duration").map(Duration::ofSeconds),
                days));
    }

    private static Currency currency(String code) {
        if (code.matches("[A-Z]{3}")) {
            try {
                return Currency.getInstance(code);
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
        }
        throw new IllegalArgumentException("is not an ISO 4217 currency code");
    }

    private static <E extends Enum<E>> Function<String, E> oneOf(Class<E> type) {
        return text -> {
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of " + EnumSet.allOf(type));
            }
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.endsWith("Z") ? text : text + "Z");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an OCPI DateTime like 2026-07-01T00:00:00Z");
        }
    }

    private static <T> Function<String, T> matching(Pattern pattern, String format, Function<String, T> parse) {
        return text -> {
            if (!pattern.matcher(text).matches()) {
                throw new IllegalArgumentException("must be " + format);
            }
            return parse.apply(text);
        };
    }
}
