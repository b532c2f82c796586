package org.pilegate.itests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drivers for a forked gateway, through its Karaf shell: per driver an account, a vehicle, a topped-up wallet and a
 * terminal {@code <driver>-phone}, whose credential the shell prints once. A few drivers per SSH session, so that
 * each session stays well within the shell's time limit on a loaded machine.
 */
final class Accounts {

    private static final int DRIVERS_PER_SHELL = 20;
    private static final Pattern CREDENTIAL = Pattern.compile("^(\\S+-phone)\\.\\S+$");

    private Accounts() {
    }

    /** @return each terminal's credential by terminal id */
    static Map<String, String> register(ForkedGateway gateway, int drivers, IntFunction<String> driver,
            IntFunction<String> vehicle, String topUpEur) throws Exception {
        Map<String, String> credentials = new LinkedHashMap<>();
        for (int from = 0; from < drivers; from += DRIVERS_PER_SHELL) {
            List<String> commands = new ArrayList<>();
            for (int i = from; i < Math.min(drivers, from + DRIVERS_PER_SHELL); i++) {
                String name = driver.apply(i);
                commands.add("pilegate:account-add " + name + " " + name);
                commands.add("pilegate:vehicle-add " + vehicle.apply(i) + " " + name);
                commands.add("pilegate:wallet-topup " + name + " " + topUpEur + " EUR opening-" + name);
                commands.add("pilegate:terminal-add " + name + "-phone " + name);
            }
            for (String line : gateway.shell(commands.toArray(String[]::new)).split("\\R")) {
                Matcher credential = CREDENTIAL.matcher(line.strip());
                if (credential.matches()) {
                    credentials.put(credential.group(1), credential.group(0));
                }
            }
        }
        if (credentials.size() != drivers) {
            throw new AssertionError("credentials for " + credentials.size() + " of " + drivers + " terminals");
        }
        return credentials;
    }
}
