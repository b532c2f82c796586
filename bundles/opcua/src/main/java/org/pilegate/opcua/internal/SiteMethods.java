package org.pilegate.opcua.internal;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator methods of the {@code Site} object: the site's power limit, a pile's current cap and availability,
 * stopping a pile's session. Each is logged with the operator who called it.
 */
final class SiteMethods {

    private static final Logger LOG = LoggerFactory.getLogger(SiteMethods.class);

    private final NodeFactory factory;
    private final DepotActions actions;
    private final Map<PileId, PileView> piles;
    private final PileNodes pileNodes;
    private final Runnable siteChanged;

    /** @param siteChanged told when the site's figures changed */
    SiteMethods(NodeFactory factory, DepotActions actions, Map<PileId, PileView> piles, PileNodes pileNodes,
            Runnable siteChanged) {
        this.factory = factory;
        this.actions = actions;
        this.piles = piles;
        this.pileNodes = pileNodes;
        this.siteChanged = siteChanged;
    }

    void create(UaObjectNode site) {
        Argument pile = NodeFactory.argument("Pile", Identifiers.String, "The pile's id, e.g. sim-01.");
        method(site, "SetSitePowerLimit", "Limits the power all piles may draw together; the charging piles share it"
                        + " at once.", new Argument[] {NodeFactory.argument("LimitW", Identifiers.Int64,
                        "0 or more, in W.")},
                (operator, in) -> {
                    actions.limitSitePower(OptionalLong.of((Long) in[0].getValue()));
                    siteChanged.run();
                });
        method(site, "ClearSitePowerLimit", "Lifts the site's power limit.", new Argument[0], (operator, in) -> {
            actions.limitSitePower(OptionalLong.empty());
            siteChanged.run();
        });
        method(site, "SetPileCurrentLimit", "Caps the current a pile offers per phase, at once for a running session"
                        + " and for every later one.", new Argument[] {pile, NodeFactory.argument("LimitA",
                        Identifiers.Int32, "6 A up to the pile's maximum; 0 lifts the cap.")},
                (operator, in) -> actions.limitCurrent(pile(in[0]).controller.id(), (Integer) in[1].getValue()));
        method(site, "StopSession", "Ends the session running on a pile, as its driver's stop would: the contactor"
                + " opens and the fee is issued for the energy delivered so far.", new Argument[] {pile},
                (operator, in) -> {
                    PileView view = pile(in[0]);
                    SessionId session = view.status.activeSession().orElseThrow(() -> new UaException(
                            StatusCodes.Bad_InvalidState, "no session is running on pile " + view.controller.id()));
                    actions.stop(session, "stopped over OPC UA by " + operator.name());
                });
        method(site, "SetPileAvailability", "Takes a pile out of service (false) or back into it (true). Out of"
                        + " service a pile opens no new session; a running one goes on until it ends.",
                new Argument[] {pile, NodeFactory.argument("Available", Identifiers.Boolean,
                        "Whether the pile opens sessions.")},
                (operator, in) -> pileNodes.setAvailable(pile(in[0]), (Boolean) in[1].getValue()));
    }

    private void method(UaObjectNode site, String name, String description, Argument[] inputs,
            ActionMethod.Action action) {
        factory.method(site, name, description, inputs, (operator, in) -> {
            action.run(operator, in);
            LOG.info("OPC UA user {} called {}", operator.name(), name);
        });
    }

    private PileView pile(Variant argument) throws UaException {
        String text = (String) argument.getValue();
        try {
            return Optional.ofNullable(text == null ? null : piles.get(new PileId(text))).orElseThrow(() ->
                    new UaException(StatusCodes.Bad_InvalidArgument, "no pile " + text + " on this site"));
        } catch (IllegalArgumentException e) {
            throw new UaException(StatusCodes.Bad_InvalidArgument, e.getMessage());
        }
    }
}
