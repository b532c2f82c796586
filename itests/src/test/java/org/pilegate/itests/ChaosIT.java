package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.Test;

/**
 * The short version of the Modbus storm ({@code itests/chaos-run.sh} runs it ten minutes): 200 piles whose meters
 * and relays (a Modbus TCP line each) meet 2 % of their requests with no reply, an exception, a dropped connection or a corrupt frame, and
 * sessions on every pile for 45 s. No pile is stuck, no contactor stays closed after its session, every session is
 * billed its meter registers' delta, and the gateway's threads and live heap do not grow.
 */
public class ChaosIT {

    private static final int PILES = 200;
    private static final double CHAOS_PERCENT = 2;
    private static final Duration SESSIONS_FOR = Duration.ofSeconds(45);
    /** A full collection's result moves by a few MiB from one moment to the next, leak or not. */
    private static final long HEAP_NOISE_KIB = 16 * 1024;
    /** Threads a pool may start or retire between two readings. */
    private static final int THREAD_NOISE = 8;

    @Test
    public void aStormOnTheModbusLinesLeavesNoPileStuckAndBillsEverySessionFromItsRegisters() throws Exception {
        ChaosRun.Findings findings;
        try (ChaosRun run = ChaosRun.start(PILES, CHAOS_PERCENT, Path.of("target", "chaos-gateway")
                .toAbsolutePath())) {
            findings = run.run(SESSIONS_FOR);
        }
        ChaosRun.append(Path.of("target", "chaos-ci.md"), PILES + " piles, " + CHAOS_PERCENT + " % chaos, "
                + SESSIONS_FOR.toSeconds() + " s (CI)", findings);
        assertEquals("piles stuck: " + findings, 0, findings.stuck());
        assertEquals("contactors closed after their session: " + findings, 0, findings.contactorsLeftClosed());
        assertEquals("sessions not billed their registers' delta: " + findings, 0, findings.unbilled());
        assertTrue("every pile completed sessions: " + findings, findings.sessions() >= PILES);
        assertTrue("no growth in threads: " + findings,
                findings.threadsAtEnd() <= findings.threadsAfterFirst() + THREAD_NOISE);
        assertTrue("no growth in live heap: " + findings,
                findings.heapAtEndKib() <= findings.heapAfterFirstKib() + HEAP_NOISE_KIB);
    }
}
