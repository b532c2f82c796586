package org.pilegate.ocpp16.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

import org.pilegate.api.relay.RelayState;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping a connector's transaction for its pile. A charge point that refuses RemoteStopTransaction, does not answer
 * it or sends no StopTransaction in time is asked again after a pause that doubles each time, a bounded number of
 * times: a refusal is often passing (the charge point busy with the vehicle or its own stop). One that refuses to the
 * end, or is away, cannot hold the driver's session: the transaction is released — the session ends at the register
 * last reported, the pile sees its contactor open, what the charge point draws until it stops is billed on its own,
 * and it is told to stop again on its next connection.
 */
final class RemoteStop {

    /** How often to ask and the first pause between two asks. */
    record Backoff(int attempts, Duration firstPause) {

        /** 4 asks over about 35 s plus the charge point's answers: a passing refusal is over, a driver not kept. */
        static final Backoff DEFAULT = new Backoff(4, Duration.ofSeconds(5));
    }

    private static final Logger LOG = LoggerFactory.getLogger(RemoteStop.class);

    private final Connector connector;
    private final ChargePointLink link;
    private final GatewayThreads threads;
    private final ConnectorRelay.Release release;
    private final Backoff backoff;

    RemoteStop(Connector connector, ChargePointLink link, GatewayThreads threads, ConnectorRelay.Release release,
            Backoff backoff) {
        this.connector = connector;
        this.link = link;
        this.threads = threads;
        this.release = release;
        this.backoff = backoff;
    }

    /**
     * @param ask one RemoteStopTransaction for the transaction, done once the charge point reported it stopped
     * @return completes with the contactor open: stopped, or released
     */
    CompletionStage<RelayState> stop(IntFunction<CompletionStage<RelayState>> ask) {
        CompletableFuture<RelayState> done = new CompletableFuture<>();
        attempt(1, ask, done);
        return done;
    }

    private void attempt(int attempt, IntFunction<CompletionStage<RelayState>> ask,
            CompletableFuture<RelayState> done) {
        Optional<Integer> transaction = connector.transaction();
        if (transaction.isEmpty() || connector.stopWanted()) {
            done.complete(connector.relayState());
            return;
        }
        if (!link.isConnected()) {
            release(transaction.get(), "it is not connected");
            done.complete(connector.relayState());
            return;
        }
        ask.apply(transaction.get()).whenComplete((stopped, failure) -> {
            if (failure == null) {
                done.complete(stopped);
                return;
            }
            String why = Lane.unwrapped(failure).getMessage();
            if (attempt >= backoff.attempts()) {
                release(transaction.get(), "it did not stop it after " + attempt + " RemoteStopTransaction: " + why);
                done.complete(connector.relayState());
                return;
            }
            Duration pause = backoff.firstPause().multipliedBy(1L << (attempt - 1));
            LOG.info("{} connector {}: transaction {} not stopped ({}); asking again in {} ms", link.id(),
                    connector.connectorId(), transaction.get(), why, pause.toMillis());
            threads.after(pause, () -> attempt(attempt + 1, ask, done));
        });
    }

    /** The session ends at the register last reported; the rest is the transaction's own. */
    private void release(int transaction, String why) {
        Optional<Long> registerWh = connector.reading().map(r -> r.energyImportWh());
        registerWh.ifPresent(wh -> release.release(transaction, wh));
        connector.stopWanted(true);
        LOG.warn("{} connector {}: transaction {} released, as {}: its session ends at {}; what the charge point"
                + " draws from now on is billed on its own once it reports the stop; it is told to stop again on its"
                + " next connection", link.id(), connector.connectorId(), transaction, why,
                registerWh.map(wh -> "register " + wh + " Wh").orElse("the register last read"));
        connector.publish();
    }
}
