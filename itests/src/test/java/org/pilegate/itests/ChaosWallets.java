package org.pilegate.itests;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storm's drivers' wallets as the gateway's shell shows them ({@code pilegate:wallet}), against the fees the
 * drivers paid: each fee debited once, none lost, none twice.
 */
final class ChaosWallets {

    /** What each driver's wallet is topped up with before the storm. */
    static final String OPENING_EUR = "10000.00";
    private static final int WALLETS_PER_SHELL = 20;
    private static final Pattern BALANCE = Pattern.compile("balance (-?\\d+\\.\\d{2}) EUR");

    private ChaosWallets() {
    }

    /**
     * @param paidCents by driver, what the fees paid add up to
     * @param paid by driver, how many fees were paid
     * @return a line for each driver whose balance or count of fee debits is not what was paid
     */
    static List<String> mismatches(ForkedGateway gateway, List<String> drivers, AtomicLongArray paidCents,
            AtomicIntegerArray paid) throws Exception {
        long openingCents = new BigDecimal(OPENING_EUR).movePointRight(2).longValueExact();
        List<String> mismatches = new ArrayList<>();
        for (int from = 0; from < drivers.size(); from += WALLETS_PER_SHELL) {
            List<String> commands = drivers.subList(from, Math.min(drivers.size(), from + WALLETS_PER_SHELL))
                    .stream().map(driver -> "pilegate:wallet --last 1000 " + driver).toList();
            // one section per wallet, each starting with its balance
            String[] wallets = gateway.shell(commands.toArray(String[]::new)).split("(?=balance -?\\d)");
            List<String> sections = List.of(wallets).stream().filter(part -> BALANCE.matcher(part).find()).toList();
            if (sections.size() != commands.size()) {
                throw new AssertionError(sections.size() + " wallets shown for " + commands);
            }
            for (int i = 0; i < sections.size(); i++) {
                int driver = from + i;
                Matcher balance = BALANCE.matcher(sections.get(i));
                balance.find();
                long balanceCents = new BigDecimal(balance.group(1)).movePointRight(2).longValueExact();
                long feeDebits = sections.get(i).lines().filter(line -> line.contains("fee:")).count();
                if (balanceCents != openingCents - paidCents.get(driver) || feeDebits != paid.get(driver)) {
                    mismatches.add(drivers.get(driver) + ": paid " + paid.get(driver) + " fees of "
                            + paidCents.get(driver) + " cents in all; the wallet shows " + feeDebits
                            + " fee debits and a balance of " + balance.group(1) + " EUR");
                }
            }
        }
        return mismatches;
    }
}
