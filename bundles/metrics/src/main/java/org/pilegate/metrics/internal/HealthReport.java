package org.pilegate.metrics.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.pilegate.metrics.HealthCheck;
import org.pilegate.metrics.HealthCheck.Result;
import org.pilegate.metrics.HealthCheck.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /health} answers: {@code UP} while no check is {@code DOWN}, with every check's status and reason.
 *
 * @param status {@code UP} (ready) or {@code DOWN} (not ready)
 * @param checks the checks by name
 */
record HealthReport(Status status, List<CheckReport> checks) {

    /** One check as reported. */
    record CheckReport(String name, Status status, String reason) {

        CheckReport(String name, Result result) {
            this(name, result.status(), result.reason());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HealthReport.class);

    boolean ready() {
        return status == Status.UP;
    }

    /**
     * Runs the checks side by side on {@code executor}. A check without an answer within {@code timeout} is DOWN: a
     * store whose pool waits for a dead database server would otherwise hold the answer past the prober's patience,
     * and the reasons would be lost.
     */
    static HealthReport of(List<HealthCheck> checks, Executor executor, Duration timeout) {
        List<CompletableFuture<CheckReport>> running = checks.stream()
                .map(check -> CompletableFuture.supplyAsync(() -> new CheckReport(check.name(), run(check)), executor))
                .toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CheckReport> reports = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            reports.add(await(checks.get(i), running.get(i), deadline, timeout));
        }
        reports.sort(Comparator.comparing(CheckReport::name));
        boolean down = reports.stream().anyMatch(report -> report.status() == Status.DOWN);
        return new HealthReport(down ? Status.DOWN : Status.UP, List.copyOf(reports));
    }

    private static CheckReport await(HealthCheck check, CompletableFuture<CheckReport> report, long deadline,
            Duration timeout) {
        try {
            return report.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new CheckReport(check.name(), Result.down("no answer within " + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return new CheckReport(check.name(), Result.down("the check failed: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckReport(check.name(), Result.down("interrupted while checking"));
        }
    }

    private static Result run(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            LOG.warn("Health check {} failed", check.name(), e);
            return Result.down("the check failed: " + e);
        }
    }
}
