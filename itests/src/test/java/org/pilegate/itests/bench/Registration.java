package org.pilegate.itests.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every pile its driver through the gateway's real operator interface, the Karaf shell over SSH: an account,
 * its vehicle, a wallet topped up and a terminal, whose credential the shell prints once. Many drivers go through
 * one SSH session, so that thousands take minutes rather than hours.
 */
final class Registration {

    /** Enough for a few hundred sessions at the shipped site tariff. */
    static final String TOP_UP_EUR = "10000.00";
    private static final int DRIVERS_PER_SESSION = 250;
    private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(15);
    private static final Pattern CREDENTIAL = Pattern.compile("^(\\S+-phone)\\.\\S+$");

    private Registration() {
    }

    /** @return the credential of each driver's terminal, by terminal id */
    static Map<String, String> register(GatewayProcess gateway, List<Driver> drivers) throws Exception {
        Map<String, String> credentials = new HashMap<>();
        for (int from = 0; from < drivers.size(); from += DRIVERS_PER_SESSION) {
            List<String> commands = new ArrayList<>();
            for (Driver driver : drivers.subList(from, Math.min(from + DRIVERS_PER_SESSION, drivers.size()))) {
                commands.add("pilegate:account-add " + driver.account + " " + driver.account);
                commands.add("pilegate:vehicle-add " + driver.vehicle + " " + driver.account);
                commands.add("pilegate:wallet-topup " + driver.account + " " + TOP_UP_EUR + " EUR opening-"
                        + driver.account);
                commands.add("pilegate:terminal-add " + driver.terminal + " " + driver.account);
            }
            String output = gateway.shell(commands, SESSION_TIMEOUT);
            for (String line : output.split("\\R")) {
                Matcher credential = CREDENTIAL.matcher(line.strip());
                if (credential.matches()) {
                    credentials.put(credential.group(1), credential.group(0));
                }
            }
        }
        List<String> missing = drivers.stream().map(driver -> driver.terminal)
                .filter(terminal -> !credentials.containsKey(terminal)).limit(5).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the shell printed no credential for " + missing + " and perhaps more");
        }
        return credentials;
    }
}
