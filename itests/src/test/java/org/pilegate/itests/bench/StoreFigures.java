package org.pilegate.itests.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The embedded store's figures from the gateway's /metrics: commits that waited to be on disk, the flushes of its file
 * that carried them, the file's size and the share of it alive. NaN where the gateway does not give them.
 */
record StoreFigures(double commits, double flushes, double fileBytes, double liveRatio) {

    private static final String COMMITS = "pilegate_store_commits_total";
    private static final String FLUSHES = "pilegate_store_flushes_total";
    private static final String FILE = "pilegate_store_file_bytes";
    private static final String LIVE = "pilegate_store_file_live_ratio";

    static StoreFigures read(GatewayProcess gateway) {
        Map<String, Double> metrics = gateway.metrics(COMMITS, FLUSHES, FILE, LIVE);
        return new StoreFigures(metrics.getOrDefault(COMMITS, Double.NaN), metrics.getOrDefault(FLUSHES, Double.NaN),
                metrics.getOrDefault(FILE, Double.NaN), metrics.getOrDefault(LIVE, Double.NaN));
    }

    /** Commits and flushes since {@code before}, and the commits each flush carried. */
    String commitsSince(StoreFigures before) {
        double commitsThen = commits - before.commits;
        double flushesThen = flushes - before.flushes;
        return String.format(Locale.ROOT, "%.0f / %.0f (%.1f)", commitsThen, flushesThen, commitsThen / flushesThen);
    }

    /** The file's size in MiB and its live share in percent. */
    String file() {
        return String.format(Locale.ROOT, "%.0f MiB, %.0f %% live", fileBytes / (1 << 20), liveRatio * 100);
    }
}
