package org.pilegate.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.pilegate.api.money.Money;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.PaymentRefusedException;
import org.pilegate.api.wallet.Wallet;

@Command(scope = "pilegate", name = "wallet-refund", description = "Pays money back to a driver out of their wallet,"
        + " once per reference.")
@Service
public class WalletRefundCommand implements Action {

    @Reference
    private Wallet wallet;

    @Argument(index = 0, name = "account", required = true, description = "The driver's account.")
    private String account;

    @Argument(index = 1, name = "amount", required = true, description = "e.g. 5.00")
    private String amount;

    @Argument(index = 2, name = "currency", required = true, description = "ISO 4217 code, e.g. EUR.")
    private String currency;

    @Argument(index = 3, name = "reference", required = true, description = "Refund reference.")
    private String reference;

    @Override
    public Object execute() throws PaymentRefusedException {
        AccountId id = new AccountId(account);
        Money refunded = MoneyArgument.parse(amount, currency);
        wallet.refund(id, refunded, reference);
        return "balance " + MoneyArgument.format(wallet.balance(id, refunded.currency()));
    }
}
