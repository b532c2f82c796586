package org.pilegate.shell.internal;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;

@Command(scope = "pilegate", name = "pile-limit", description = "Caps the current a pile offers per phase, at once"
        + " for a running session and for every later one; none lifts the cap. The setting survives a restart.")
@Service
public class PileLimitCommand implements Action {

    @Reference
    private DepotControl depot;

    @Argument(index = 0, name = "pile", required = true, description = "The pile id, e.g. bay-07.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Argument(index = 1, name = "limit", required = true, description = "Current in A, from 6 to the pile's"
            + " maximum, or none.")
    private String limit;

    @Override
    public Object execute() {
        OptionalLong parsed = LimitArgument.parse(limit, "limit");
        if (parsed.isPresent() && parsed.getAsLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limit " + limit + " A is beyond any pile");
        }
        OptionalInt limitA = parsed.isPresent() ? OptionalInt.of((int) parsed.getAsLong()) : OptionalInt.empty();
        PileStatus status = Outcome.await(depot.limitCurrent(new PileId(pile), limitA), "limiting pile " + pile);
        return "pile " + pile + ": cap " + Formats.amps(limitA, "none") + "; offering " + status.currentLimitA()
                + " A now";
    }
}
