package org.pilegate.tariff.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.pilegate.api.pile.PileId;

/**
 * Which tariffs apply where, from {@code assignments.json}:
 *
 * <pre>
 * { "site": ["site-default"], "piles": { "bay-07": ["fast-dc-2027", "fast-dc"] } }
 * </pre>
 *
 * Each list is in order of preference; the first tariff in force applies (so a tariff with an end_date_time can be
 * listed before its successor, as OCPI's connectors list tariff ids).
 *
 * @param site tariff ids for every pile
 * @param piles tariff ids for single piles, tried before the site's
 */
record Assignments(List<String> site, Map<PileId, List<String>> piles) {

    static final Assignments NONE = new Assignments(List.of(), Map.of());

    Assignments {
        site = List.copyOf(site);
        piles = Map.copyOf(piles);
    }

    /** Tariff ids for {@code pile}, most preferred first: its own, then the site's. */
    List<String> tariffIdsFor(PileId pile) {
        return Stream.concat(piles.getOrDefault(pile, List.of()).stream(), site.stream()).toList();
    }

    /** Every tariff id named. */
    List<String> tariffIds() {
        return Stream.concat(site.stream(), piles.values().stream().flatMap(List::stream)).distinct().toList();
    }

    /** @throws org.pilegate.tariff.InvalidTariffException naming the JSON path at fault and why */
    static Assignments read(String json) {
        JsonFields document = JsonFields.parse(json, Set.of("site", "piles"));
        List<String> site = document.texts("site", Assignments::tariffId);
        Map<PileId, List<String>> piles = new LinkedHashMap<>();
        document.object("piles", Set.of()).ifPresent(perPile -> {
            for (String pile : perPile.fieldNames()) {
                piles.put(perPile.build(() -> new PileId(pile)), new ArrayList<>(perPile.texts(pile,
                        Assignments::tariffId)));
            }
        });
        return new Assignments(site, piles);
    }

    private static String tariffId(String id) {
        if (id.isBlank() || id.length() > 36) {
            throw new IllegalArgumentException("is not a tariff id (1 to 36 characters)");
        }
        return id;
    }
}
