package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

/**
 * The Modbus storm, short: {@value #PILES} simulated piles on a Modbus TCP line each, {@value #CHAOS_PERCENT} % of
 * their meters' and relays' requests met with a random fault (no reply, an exception, a dropped connection, a
 * corrupt frame), and a driver on every pile running sessions back to back for a minute, against the built
 * distribution in its own JVM ({@link ChaosRun}). The ten-minute storm on 200 piles is {@code itests/chaos-run.sh}.
 */
public class ModbusStormIT {

    private static final int PILES = 60;
    private static final double CHAOS_PERCENT = 5;
    private static final Duration STORM = Duration.ofSeconds(60);

    @Test
    public void aStormLeavesNoPileStuckNoContactorClosedAndBillsEachSessionItsRegistersOnce() throws Exception {
        try (ChaosRun run = ChaosRun.start(PILES, CHAOS_PERCENT, Path.of("target", "storm-gateway")
                .toAbsolutePath())) {
            ChaosRun.Findings findings = run.run(STORM);
            ChaosRun.append(Path.of("target", "storm.md"), PILES + " piles, " + CHAOS_PERCENT + " % chaos, "
                    + STORM.toSeconds() + " s (CI)", findings);
            String notes = findings + "\n" + String.join("\n", findings.notes());
            assertEquals("piles stuck: " + notes, 0, findings.stuck());
            assertEquals("contactors left closed after their session: " + notes, 0,
                    findings.contactorsLeftClosed());
            assertEquals("sessions not billed their registers' delta: " + notes, 0, findings.unbilled());
            assertTrue("a session on every pile: " + notes, findings.sessions() >= PILES);
            assertEquals("wallets against the fees paid", List.of(), run.walletsNotMatchingThePayments());
        }
    }
}
