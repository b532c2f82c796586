package org.pilegate.ocpp16.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.session.ReportedSession;
import org.pilegate.api.session.ReportedSessions;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.vehicle.VehicleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bills the transactions no pile session billed — those a charge point ran on its own, above all while it could not
 * reach the gateway and reported later — as sessions reported after the fact. Each is the session
 * {@code ocpp-<chargePoint>-<transactionId>}, so billing it again (a stop sent again, a gateway restarted between the
 * stop and the bill) bills nothing twice.
 */
final class TransactionBilling {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionBilling.class);

    private final JdbcTransactions transactions;
    private final ObjectMapper json;
    private final Supplier<Optional<ReportedSessions>> sessions;

    TransactionBilling(JdbcTransactions transactions, ObjectMapper json,
            Supplier<Optional<ReportedSessions>> sessions) {
        this.transactions = transactions;
        this.json = json;
        this.sessions = sessions;
    }

    /** Bills the stopped transaction if it is its own to bill and was not billed yet. */
    void bill(int transactionId) {
        transactions.unbilled(transactionId).ifPresent(this::bill);
    }

    /** Bills what the charge point's transactions left unbilled, e.g. while no session service ran. */
    void billOutstanding(ChargePointId chargePoint) {
        transactions.unbilled(chargePoint).forEach(this::bill);
    }

    private void bill(JdbcTransactions.Unbilled stopped) {
        Optional<ReportedSessions> service = sessions.get();
        if (service.isEmpty()) {
            LOG.warn("{}: transaction {} is billed once the sessions run", stopped.chargePoint(),
                    stopped.transactionId());
            return;
        }
        SessionOverview billed = service.get().report(session(stopped));
        transactions.billed(stopped.transactionId(), billed.session().id().value());
        LOG.info("{}: transaction {} billed as session {}: {} Wh, {}", stopped.chargePoint(),
                stopped.transactionId(), billed.session().id(), billed.deliveredWh(), billed.session().state());
    }

    private ReportedSession session(JdbcTransactions.Unbilled stopped) {
        return new ReportedSession(new SessionId("ocpp-" + stopped.chargePoint() + "-" + stopped.transactionId()),
                stopped.chargePoint().pile(stopped.connectorId()), vehicle(stopped.idTag()), stopped.startedAt(),
                stopped.meterStartWh(), stopped.stoppedAt(), stopped.meterStopWh(), samples(stopped),
                stopped.reason());
    }

    private static Optional<VehicleId> vehicle(String idTag) {
        try {
            return Optional.of(new VehicleId(idTag));
        } catch (IllegalArgumentException notAVehicleId) {
            return Optional.empty();
        }
    }

    /** The stop's transactionData as samples; values without an energy register say nothing to bill from. */
    private List<MeterSample> samples(JdbcTransactions.Unbilled stopped) {
        List<MeterSample> samples = new ArrayList<>();
        if (stopped.transactionData().isEmpty()) {
            return samples;
        }
        try {
            for (JsonNode value : json.readTree(stopped.transactionData().get())) {
                MeterValues values = MeterValues.of(value);
                if (values.at().isBefore(stopped.startedAt())) {
                    continue; // billed by the session that ended there
                }
                values.energyWh().filter(wh -> wh >= 0).ifPresent(wh -> samples.add(new MeterSample(values.at(), wh,
                        values.powerW().map(w -> Math.max(0, w)).orElse(0L), OptionalInt.empty(),
                        values.powerW().map(w -> w > 0).orElse(true))));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("{}: transaction {}: its meter values cannot be read ({}); billed from its registers",
                    stopped.chargePoint(), stopped.transactionId(), e.getMessage());
            return List.of();
        }
        return samples;
    }
}
