package org.pilegate.uplink.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's commands for this site, one record at a time: read strictly, recognised by id when delivered again,
 * applied through the depot's own services and answered on {@code <prefix>.acks} through the outbox. Kafka delivers
 * at least once: a command already answered is neither applied nor answered again. A command applied just before the
 * gateway stopped, but not yet noted, is applied again on its next delivery; as each command sets a value and one
 * site's commands come in order, that sets the same value once more.
 */
final class Downlink {

    private static final Logger LOG = LoggerFactory.getLogger(Downlink.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final CommandReader reader;
    private final CommandApplier applier;
    private final JdbcCommands commands;
    private final Records records;
    private final Clock clock;

    Downlink(CommandReader reader, CommandApplier applier, JdbcCommands commands, Records records, Clock clock) {
        this.reader = reader;
        this.applier = applier;
        this.commands = commands;
        this.records = records;
        this.clock = clock;
    }

    /**
     * @param where the record's topic, partition and offset, for the log and a refusal's message
     * @return completes once the command is answered, or known to be; exceptionally when the answer could not be
     *         stored, so that the record must be read again
     */
    CompletionStage<Void> handle(String value, String where) {
        try {
            JsonNode tree;
            try {
                tree = reader.tree(value);
            } catch (Refusal refused) {
                refuse(Optional.empty(), "unknown", refused, where);
                return DONE;
            }
            Optional<String> commandId = CommandReader.commandId(tree);
            if (commandId.isPresent() && commands.answered(commandId.get())) {
                LOG.info("Command {} ({}) was answered before; delivered again, it is not applied again",
                        commandId.get(), where);
                return DONE;
            }
            String type = CommandReader.type(tree);
            Command.Envelope envelope;
            try {
                envelope = reader.envelope(tree, clock.instant());
            } catch (Refusal refused) {
                refuse(commandId, type, refused, where);
                return DONE;
            }
            return applier.apply(envelope.command()).handle((done, failure) -> {
                if (failure == null) {
                    LOG.info("Command {} ({}) applied: {}", envelope.commandId(), type, done);
                    commands.answer(commandId, type, Optional.empty(), records.ack(commandId, type, Optional.empty(),
                            done), clock.instant());
                } else {
                    refuse(commandId, type, (Refusal) Lane.unwrapped(failure), where);
                }
                return null;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void refuse(Optional<String> commandId, String type, Refusal refusal, String where) {
        String message = type + " command " + commandId.orElse("without a readable commandId") + " at " + where
                + ": " + refusal.getMessage();
        LOG.warn("Command refused ({}): {}", refusal.code().code(), message);
        Optional<ErrorCode> code = Optional.of(refusal.code());
        commands.answer(commandId, type, code, records.ack(commandId, type, code, message), clock.instant());
    }
}
