package org.pilegate.shell.internal;

import java.util.Currency;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.LedgerEntry;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.Wallet;

@Command(scope = "pilegate", name = "wallet", description = "Shows a driver's balance and latest movements.")
@Service
public class WalletCommand implements Action {

    @Reference
    private Wallet wallet;

    @Reference
    private Session session;

    @Option(name = "--currency", description = "ISO 4217 code of the balance shown (default EUR).")
    private String currency = "EUR";

    @Option(name = "--last", description = "How many movements to list (default 20).")
    private int last = 20;

    @Argument(index = 0, name = "account", required = true, description = "The driver's account.")
    private String account;

    @Override
    public Object execute() {
        AccountId id = new AccountId(account);
        String ledgerAccount = LedgerEntry.walletOf(id);
        session.getConsole().println("balance " + MoneyArgument.format(
                wallet.balance(id, Currency.getInstance(currency.toUpperCase(Locale.ROOT)))));
        ShellTable table = new ShellTable();
        table.column("Booked");
        table.column("Kind");
        table.column("Key");
        table.column("Amount").alignRight();
        for (LedgerTransaction transaction : wallet.history(id, last)) {
            transaction.entries().stream().filter(entry -> entry.ledgerAccount().equals(ledgerAccount))
                    .map(LedgerEntry::amount).forEach(amount -> table.addRow().addContent(transaction.at(),
                            transaction.kind(), transaction.key(), MoneyArgument.format(amount)));
        }
        table.print(session.getConsole());
        return null;
    }
}
