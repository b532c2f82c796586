package org.pilegate.tariff;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.pilegate.api.terminal.FeeLine.Component;

/**
 * Price components that apply together while the restrictions hold (OCPI TariffElement).
 *
 * @param priceComponents at least one, at most one per dimension
 * @param restrictions when the element applies; {@link TariffRestrictions#NONE} for always
 */
public record TariffElement(List<PriceComponent> priceComponents, TariffRestrictions restrictions) {

    public TariffElement {
        Objects.requireNonNull(restrictions, "restrictions");
        priceComponents = List.copyOf(priceComponents);
        if (priceComponents.isEmpty()) {
            throw new IllegalArgumentException("price_components must not be empty");
        }
        Set<Component> seen = EnumSet.noneOf(Component.class);
        for (PriceComponent component : priceComponents) {
            if (!seen.add(component.type())) {
                throw new IllegalArgumentException("price_components has more than one " + component.type()
                        + " component; an element prices each dimension once");
            }
        }
    }

    /** The element's price for {@code dimension}, if it prices it. */
    public Optional<PriceComponent> component(Component dimension) {
        // a loop, not a stream: pricing asks this for every segment and dimension
        for (PriceComponent component : priceComponents) {
            if (component.type() == dimension) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }
}
