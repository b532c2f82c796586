package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;

@Command(scope = "pilegate", name = "pile-available", description = "Takes a pile out of service (false) or puts it"
        + " back (true). Out of service it opens no new session; a session running on it goes on until it ends. The"
        + " setting survives a restart.")
@Service
public class PileAvailableCommand implements Action {

    @Reference
    private DepotControl depot;

    @Argument(index = 0, name = "pile", required = true, description = "The pile id, e.g. bay-07.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Argument(index = 1, name = "available", required = true, description = "true to put it in service, false to"
            + " take it out.")
    @Completion(value = StringsCompleter.class, values = {"true", "false"})
    private String available;

    @Override
    public Object execute() {
        boolean inService = parse(available);
        PileStatus status = Outcome.await(depot.setAvailable(new PileId(pile), inService), "changing pile " + pile);
        String now = "pile " + pile + " " + (inService ? "in service" : "out of service") + ", " + status.state();
        return !inService && status.state() != PileState.UNAVAILABLE
                ? now + "; it turns UNAVAILABLE once its session has ended and the vehicle left" : now;
    }

    /** @throws IllegalArgumentException for anything but true or false */
    static boolean parse(String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("available must be true or false, not '" + value + "'");
        };
    }
}
