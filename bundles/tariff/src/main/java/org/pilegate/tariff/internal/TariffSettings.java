package org.pilegate.tariff.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The validated configuration {@value #PID}.
 *
 * @param folder the tariff folder
 * @param siteZone the depot's time zone
 * @param pollInterval how often the folder is read again
 */
record TariffSettings(Path folder, ZoneId siteZone, Duration pollInterval) {

    static final String PID = "org.pilegate.tariff";

    /**
     * @param karafEtc Karaf's etc folder, which a relative {@code folder} is taken from
     * @throws IllegalArgumentException naming the PID, the key and why
     */
    static TariffSettings from(TariffConfig config, Optional<Path> karafEtc) {
        return new TariffSettings(folder(config.folder(), karafEtc), zone(config.siteTimeZone()),
                pollInterval(config.pollIntervalS()));
    }

    private static Path folder(String configured, Optional<Path> karafEtc) {
        if (configured == null || configured.isBlank()) {
            throw invalid("folder", "required, but empty");
        }
        Path folder;
        try {
            folder = Path.of(configured.trim());
        } catch (InvalidPathException e) {
            throw invalid("folder", "'" + configured + "' is not a path: " + e.getReason());
        }
        Path resolved = folder.isAbsolute() ? folder : karafEtc.map(etc -> etc.resolve(folder)).orElse(folder);
        if (Files.exists(resolved) && !Files.isDirectory(resolved)) {
            throw invalid("folder", resolved + " is a file, not a folder");
        }
        return resolved;
    }

    private static ZoneId zone(String configured) {
        if (configured == null || configured.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(configured.trim());
        } catch (DateTimeException e) {
            throw invalid("siteTimeZone", "'" + configured + "' is not a time zone (an IANA id like Europe/Amsterdam)");
        }
    }

    private static Duration pollInterval(int seconds) {
        if (seconds < 1 || seconds > 3600) {
            throw invalid("pollIntervalS", "must be 1..3600 s, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException("configuration " + PID + ": " + key + ": " + why);
    }
}
