package org.pilegate.opcua.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

@Command(scope = "pilegate", name = "opcua-user", description = "Creates an OPC UA user who may write and call"
        + " methods: asks for the password twice and prints the user's entry for the users setting of"
        + " etc/org.pilegate.opcua.cfg (a salted PBKDF2 hash; the password itself is stored nowhere). With --store"
        + " it adds the entry there, replacing one of the same user, and the server restarts with it.")
@Service
public class OpcUaUserCommand implements Action {

    @Reference
    private Session session;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    @Argument(index = 0, name = "user", required = true, description = "User name: letters, digits, '.', '_', '@'"
            + " and '-'.")
    private String user;

    @Option(name = "--store", description = "Add the entry to the server's configuration.")
    private boolean store;

    @Override
    public Object execute() throws IOException {
        String typed = session.readLine("Password for " + user + ": ", '*');
        String typedAgain = typed == null ? null : session.readLine("Password again: ", '*');
        if (typed == null || typedAgain == null) {
            return "No password entered; nothing created.";
        }
        char[] password = typed.toCharArray();
        char[] again = typedAgain.toCharArray();
        try {
            if (!Arrays.equals(password, again)) {
                return "The passwords differ; nothing created.";
            }
            UserEntry entry = UserEntry.create(user, password, UserEntry.DEFAULT_ITERATIONS);
            if (!store) {
                return "users = " + entry;
            }
            Configuration configuration = configurationAdmin.getConfiguration(ServerSettings.PID, null);
            Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>()
                    : configuration.getProperties();
            Object users = properties.get("users");
            properties.put("users", UserDirectory.withEntry(users == null ? "" : users.toString(), entry));
            configuration.update(properties);
            return "User " + user + " stored in " + ServerSettings.PID + ".";
        } finally {
            Arrays.fill(password, ' ');
            Arrays.fill(again, ' ');
        }
    }
}
