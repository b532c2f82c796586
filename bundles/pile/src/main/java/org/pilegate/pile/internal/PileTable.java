package org.pilegate.pile.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A depot's Modbus piles as one table, one pile a row: what a pile, meter and relay configuration file each would
 * say. The header names the columns: {@code id}, then {@code pile.<key>}, {@code meter.<key>} and {@code relay.<key>}
 * for any key of those configurations; a row's meter is {@code <id>.meter} and its relay {@code <id>.relay}. Cells are
 * separated by commas; blank lines and lines starting with {@code #} are skipped. A row that cannot be read is
 * reported with its line and left out; the others stand.
 */
record PileTable(List<Row> rows, List<String> errors) {

    /** The configurations of one pile: key → value, per kind. */
    record Row(String id, int line, Map<String, String> pile, Map<String, String> meter, Map<String, String> relay) {

        /** The values of one of {@link #KINDS}. */
        Map<String, String> of(String kind) {
            return switch (kind) {
                case "pile" -> pile;
                case "meter" -> meter;
                case "relay" -> relay;
                default -> throw new IllegalArgumentException("no kind " + kind);
            };
        }
    }

    static final List<String> KINDS = List.of("pile", "meter", "relay");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern KEY = Pattern.compile("(pile|meter|relay)\\.[A-Za-z][A-Za-z0-9]*");
    /** Set from the row, never from a column. */
    private static final Set<String> DERIVED = Set.of("pile.id", "pile.meter", "pile.relay", "meter.id", "relay.id");

    /** @param source named in every error, e.g. the file's name */
    static PileTable parse(String source, List<String> lines) {
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> header = null;
        Set<String> ids = new HashSet<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
            String where = source + " line " + number + ": ";
            if (header == null) {
                String problem = headerProblem(cells);
                if (problem != null) {
                    return new PileTable(List.of(), List.of(where + problem));
                }
                header = cells;
            } else if (cells.size() != header.size()) {
                errors.add(where + cells.size() + " cells, but the header has " + header.size() + " columns");
            } else if (!ID.matcher(cells.get(0)).matches()) {
                errors.add(where + "id '" + cells.get(0) + "' must be letters, digits, '.', '_' or '-' (at most 64)");
            } else if (!ids.add(cells.get(0))) {
                errors.add(where + "pile " + cells.get(0) + " is in the table twice");
            } else {
                rows.add(row(header, cells, number));
            }
        }
        if (header == null) {
            errors.add(source + ": no header line (id, pile.…, meter.…, relay.…)");
        }
        return new PileTable(List.copyOf(rows), List.copyOf(errors));
    }

    private static String headerProblem(List<String> columns) {
        if (!columns.get(0).equals("id")) {
            return "the header's first column must be 'id', not '" + columns.get(0) + "'";
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns.subList(1, columns.size())) {
            if (!KEY.matcher(column).matches()) {
                return "column '" + column + "' must be pile.<key>, meter.<key> or relay.<key>";
            }
            if (DERIVED.contains(column)) {
                return "column '" + column + "' is set from the row's id";
            }
            if (!seen.add(column)) {
                return "column '" + column + "' is there twice";
            }
        }
        return null;
    }

    private static Row row(List<String> header, List<String> cells, int line) {
        String id = cells.get(0);
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        KINDS.forEach(kind -> kinds.put(kind, new LinkedHashMap<>()));
        kinds.get("pile").put("id", id);
        kinds.get("pile").put("meter", id + ".meter");
        kinds.get("pile").put("relay", id + ".relay");
        kinds.get("meter").put("id", id + ".meter");
        kinds.get("relay").put("id", id + ".relay");
        for (int i = 1; i < header.size(); i++) {
            if (!cells.get(i).isEmpty()) {
                String[] column = header.get(i).split("\\.", 2);
                kinds.get(column[0]).put(column[1], cells.get(i));
            }
        }
        return new Row(id, line, Map.copyOf(kinds.get("pile")), Map.copyOf(kinds.get("meter")),
                Map.copyOf(kinds.get("relay")));
    }
}
