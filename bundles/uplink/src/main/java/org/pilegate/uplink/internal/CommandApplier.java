package org.pilegate.uplink.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.work.Lane;
import org.pilegate.tariff.InvalidTariffException;
import org.pilegate.tariff.TariffUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a command through the services the shell and {@code etc/} go through (the depot's control, the tariff
 * folder), so that it is checked by exactly their rules: what they refuse is refused with their reason.
 */
final class CommandApplier {

    private static final Logger LOG = LoggerFactory.getLogger(CommandApplier.class);

    private final Supplier<Optional<DepotControl>> depot;
    private final Supplier<Optional<TariffUpdates>> tariffs;
    private final Predicate<PileId> knownPile;

    CommandApplier(Supplier<Optional<DepotControl>> depot, Supplier<Optional<TariffUpdates>> tariffs,
            Predicate<PileId> knownPile) {
        this.depot = depot;
        this.tariffs = tariffs;
        this.knownPile = knownPile;
    }

    /**
     * @return completes with what was done, in words; exceptionally with a {@link Refusal} saying why not
     */
    CompletionStage<String> apply(Command command) {
        try {
            return applied(command).handle((done, failure) -> {
                if (failure != null) {
                    throw refusal(Lane.unwrapped(failure));
                }
                return done;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(refusal(e));
        }
    }

    private CompletionStage<String> applied(Command command) {
        if (command instanceof Command.TariffUpdate update) {
            String id = running(tariffs, "the tariff folder").save(update.ocpiJson()).id();
            return CompletableFuture.completedFuture("tariff " + id + " saved and in force");
        }
        DepotControl control = running(depot, "the depot's control");
        if (command instanceof Command.SiteLimit limit) {
            control.limitSitePower(limit.limitW());
            return CompletableFuture.completedFuture("site power limit " + (limit.limitW().isPresent()
                    ? limit.limitW().getAsLong() + " W" : "lifted"));
        }
        if (command instanceof Command.PileLimit limit) {
            return control.limitCurrent(known(limit.pile()), limit.limitA()).thenApply(status -> "pile "
                    + limit.pile() + " capped at " + (limit.limitA().isPresent() ? limit.limitA().getAsInt() + " A"
                            : "its maximum") + ", offering " + status.currentLimitA() + " A now");
        }
        Command.PileAvailability availability = (Command.PileAvailability) command;
        return control.setAvailable(known(availability.pile()), availability.available()).thenApply(status -> "pile "
                + availability.pile() + (availability.available() ? " in service, " : " out of service, ")
                + status.state());
    }

    private PileId known(PileId pile) {
        if (!knownPile.test(pile)) {
            throw new Refusal(ErrorCode.UNKNOWN_PILE, "pileId: there is no pile " + pile + " at this depot");
        }
        return pile;
    }

    private static <T> T running(Supplier<Optional<T>> service, String what) {
        return service.get().orElseThrow(() -> new Refusal(ErrorCode.SERVICE_UNAVAILABLE, what + " is not running"));
    }

    /**
     * The services' own refusals keep their code; what they reject as out of range is an invalid request; anything
     * else is the gateway's failure, logged in full.
     */
    private static Refusal refusal(Throwable failure) {
        if (failure instanceof Refusal refusal) {
            return refusal;
        }
        if (failure instanceof InvalidTariffException invalid) {
            return new Refusal(ErrorCode.INVALID_REQUEST, invalid.path().isEmpty() ? "tariff: " + invalid.problem()
                    : "tariff." + invalid.path() + ": " + invalid.problem());
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return new Refusal(ErrorCode.INVALID_REQUEST, invalid.getMessage());
        }
        LOG.error("A command of the fleet failed", failure);
        return new Refusal(ErrorCode.INTERNAL_ERROR, "applying it failed (" + failure.getClass().getSimpleName()
                + ": " + failure.getMessage() + "); the gateway's log has the details");
    }
}
