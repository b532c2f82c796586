package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleRegistry;

@Command(scope = "pilegate", name = "terminal-add", description = "Registers a driver's terminal (phone app) to an"
        + " account and prints the credential it connects with. The credential is shown once; running the command"
        + " again issues a new one and locks the old one out.")
@Service
public class TerminalAddCommand implements Action {

    @Reference
    private VehicleRegistry registry;

    @Reference
    private TerminalCredentials credentials;

    @Argument(index = 0, name = "terminal", required = true, description = "Terminal id, e.g. anna-phone.")
    private String terminal;

    @Argument(index = 1, name = "account", required = true, description = "The account it belongs to.")
    private String account;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        TerminalId id = new TerminalId(terminal);
        registry.registerTerminal(id, new AccountId(account));
        // printed rather than returned: the shell shows returned values only to an interactive console
        session.getConsole().println("Terminal " + terminal + " of account " + account
                + " connects with this credential, shown only now:");
        session.getConsole().println(credentials.issue(id));
        return null;
    }
}
