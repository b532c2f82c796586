package org.pilegate.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** Runs a command in the gateway's Karaf shell as an operator would, and returns what it printed. */
final class KarafShell {

    private KarafShell() {
    }

    static String execute(SessionFactory sessionFactory, String command) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(output, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), console, console);
        try {
            Object result = session.execute(command);
            if (result != null) {
                console.println(result);
            }
        } finally {
            session.close();
        }
        return output.toString(StandardCharsets.UTF_8);
    }
}
