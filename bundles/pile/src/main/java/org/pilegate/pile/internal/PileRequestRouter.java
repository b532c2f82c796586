package org.pilegate.pile.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.terminal.AssociationRequest;
import org.pilegate.api.terminal.ChargingRequest;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.PromptRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalRequestHandler;
import org.pilegate.pile.ChargingServer;
import org.pilegate.pile.PileController;

/**
 * Where terminal requests enter the pile side: a request that names a pile goes to that pile's controller and on, with
 * it, to the server side; requests about a session go to the server side directly.
 */
@Component(service = TerminalRequestHandler.class)
public class PileRequestRouter implements TerminalRequestHandler {

    private final Map<PileId, PileController> piles = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ChargingServer server;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPile(PileController pile) {
        piles.put(pile.id(), pile);
    }

    void removePile(PileController pile) {
        piles.remove(pile.id(), pile);
    }

    @Override
    public List<TerminalOutbound> handle(TerminalId terminal, TerminalInbound request) {
        ChargingServer current = server;
        if (current == null) {
            return List.of(serverUnavailable());
        }
        Optional<PileId> named = pileNamedIn(request);
        if (named.isEmpty()) {
            return current.handle(terminal, request, Optional.empty());
        }
        PileController pile = piles.get(named.get());
        if (pile == null) {
            return List.of(new ErrorReply(ErrorCode.UNKNOWN_PILE,
                    "there is no pile " + named.get() + " at this depot"));
        }
        return current.handle(terminal, request, Optional.of(pile));
    }

    @Override
    public List<TerminalOutbound> connected(TerminalId terminal) {
        ChargingServer current = server;
        return current == null ? List.of() : current.connected(terminal);
    }

    /** The pile a request is addressed to; requests about a session (stop, resume, payment) name none. */
    private static Optional<PileId> pileNamedIn(TerminalInbound request) {
        if (request instanceof ChargingRequest charging) {
            return Optional.of(charging.pile());
        }
        if (request instanceof AssociationRequest association) {
            return Optional.of(association.pile());
        }
        if (request instanceof PromptRequest prompt) {
            return Optional.of(prompt.pile());
        }
        return Optional.empty();
    }

    private static ErrorReply serverUnavailable() {
        return new ErrorReply(ErrorCode.SERVICE_UNAVAILABLE,
                "the session service is not running; send the request again shortly");
    }
}
