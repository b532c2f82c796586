package org.pilegate.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;

/**
 * What a terminal is told when it connects: what the store holds for it (its sessions' latest status, the fees it
 * has to pay), then the prompts of the piles whose sessions wait for a terminal. Each pile answers on its own lane;
 * the piles with nothing waiting are not asked, and a pile that cannot answer now adds nothing.
 */
final class Greeting {

    private final Function<TerminalId, List<TerminalOutbound>> stored;
    private final PileLanes lanes;
    private final BiFunction<PileLane, TerminalId, List<TerminalOutbound>> waiting;
    private final Executor workers;

    /**
     * @param stored what the store holds for a terminal; read on {@code workers}
     * @param waiting the prompts a pile's waiting session has for a terminal; asked on the pile's lane
     */
    Greeting(Function<TerminalId, List<TerminalOutbound>> stored, PileLanes lanes,
            BiFunction<PileLane, TerminalId, List<TerminalOutbound>> waiting, Executor workers) {
        this.stored = stored;
        this.lanes = lanes;
        this.waiting = waiting;
        this.workers = workers;
    }

    CompletionStage<List<TerminalOutbound>> of(TerminalId terminal) {
        CompletableFuture<List<TerminalOutbound>> fromStore = CompletableFuture.supplyAsync(
                () -> stored.apply(terminal), workers);
        List<CompletableFuture<List<TerminalOutbound>>> prompts = lanes.all().stream()
                .filter(lane -> lane.open.filter(Prompting::awaitsTerminal).isPresent())
                .map(lane -> lanes.requestNow(lane.id, asked -> waiting.apply(asked, terminal))
                        .exceptionally(unavailable -> List.of()))
                .toList();
        return fromStore.thenCompose(first -> CompletableFuture.allOf(prompts.toArray(CompletableFuture[]::new))
                .thenApply(all -> {
                    List<TerminalOutbound> greeting = new ArrayList<>(first);
                    prompts.forEach(lane -> greeting.addAll(lane.join()));
                    return greeting;
                }));
    }
}
