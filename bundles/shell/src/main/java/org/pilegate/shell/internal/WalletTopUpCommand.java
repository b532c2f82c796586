package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.money.Money;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.Wallet;

@Command(scope = "pilegate", name = "wallet-topup", description = "Credits money a driver paid in. The reference (e.g."
        + " the receipt number) makes it happen once: repeating the command with it books nothing more.")
@Service
public class WalletTopUpCommand implements Action {

    @Reference
    private Wallet wallet;

    @Argument(index = 0, name = "account", required = true, description = "The driver's account.")
    private String account;

    @Argument(index = 1, name = "amount", required = true, description = "e.g. 20.00")
    private String amount;

    @Argument(index = 2, name = "currency", required = true, description = "ISO 4217 code, e.g. EUR.")
    private String currency;

    @Argument(index = 3, name = "reference", required = true, description = "Receipt or booking reference.")
    private String reference;

    @Override
    public Object execute() {
        AccountId id = new AccountId(account);
        Money credited = MoneyArgument.parse(amount, currency);
        wallet.topUp(id, credited, reference);
        return "balance " + MoneyArgument.format(wallet.balance(id, credited.currency()));
    }
}
