package org.pilegate.planner.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Energy prices by time of day in the site's time zone, in minor units per kWh: the planner's signal for when energy
 * is cheap. Written as windows, "22:00-06:00 29, 06:00-22:00 39"; a window may cross midnight; the first window that
 * holds a moment prices it, and a moment in no window costs nothing.
 */
record PriceTable(List<Window> windows, ZoneId zone) {

    record Window(LocalTime from, LocalTime until, long minorPerKwh) {

        boolean holds(LocalTime time) {
            return from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until)
                    : !time.isBefore(from) || time.isBefore(until);
        }
    }

    static PriceTable flat(ZoneId zone) {
        return new PriceTable(List.of(), zone);
    }

    /** @throws IllegalArgumentException naming the window that is wrong and why */
    static PriceTable parse(String text, ZoneId zone) {
        List<Window> windows = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return flat(zone);
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split("\\s+");
            String[] times = parts[0].split("-");
            if (parts.length != 2 || times.length != 2) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is no price window: write HH:MM-HH:MM and"
                        + " the price per kWh in minor units, e.g. 22:00-06:00 29");
            }
            try {
                LocalTime from = LocalTime.parse(times[0]);
                LocalTime until = LocalTime.parse(times[1]);
                long price = Long.parseLong(parts[1]);
                if (from.equals(until) || price < 0) {
                    throw new IllegalArgumentException("price window '" + entry.trim() + "' is empty or its price"
                            + " negative");
                }
                windows.add(new Window(from, until, price));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is no price window: " + e.getMessage());
            }
        }
        return new PriceTable(List.copyOf(windows), zone);
    }

    long minorPerKwh(Instant at) {
        LocalTime time = LocalTime.ofInstant(at, zone);
        for (Window window : windows) {
            if (window.holds(time)) {
                return window.minorPerKwh();
            }
        }
        return 0;
    }

    /** The time of day of {@code at} in the site's zone, for explanations such as "cheaper energy at 22:00". */
    String clock(Instant at) {
        return LocalTime.ofInstant(at, zone).withSecond(0).withNano(0).toString();
    }
}
