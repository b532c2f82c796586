package org.pilegate.web.internal;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.routing.GatewayHttpServer;
import org.pilegate.routing.TerminalAuthenticator;

/**
 * {@code GET} {@value #PATH}{@code ?currency=EUR}: the balance of the wallet that pays for what a terminal charges, for
 * the driver's page after a payment. Takes the terminal's credential as {@code Authorization: Bearer <terminal
 * id>.<secret>}, as the rest of the terminal API does.
 */
@Component(service = RouteBuilder.class)
public class TerminalWalletRoute extends ApiRoute {

    static final String PATH = "/api/terminal/wallet";

    record TerminalBalance(String terminal, String account, Money balance) {
    }

    private final GatewayHttpServer http;
    private final TerminalAuthenticator authenticator;
    private final VehicleRegistry registry;
    private final Wallet wallet;

    @Activate
    public TerminalWalletRoute(@Reference(name = "http") GatewayHttpServer http,
            @Reference(name = "authenticator") TerminalAuthenticator authenticator,
            @Reference(name = "registry") VehicleRegistry registry, @Reference(name = "wallet") Wallet wallet) {
        this.http = http;
        this.authenticator = authenticator;
        this.registry = registry;
        this.wallet = wallet;
    }

    @Override
    void routes() {
        from(http.httpUri(PATH, "GET")).routeId("terminal-wallet").process(this::balance);
    }

    private void balance(Exchange exchange) {
        String credential = bearer(exchange).orElseThrow(() -> new ApiRefusal(ErrorCode.UNAUTHENTICATED,
                "send the terminal's credential as Authorization: Bearer <terminal id>.<secret>"));
        TerminalId terminal = authenticator.authenticate(credential, request(exchange).remoteAddress().host())
                .orElseThrow(() -> new ApiRefusal(ErrorCode.UNAUTHENTICATED, "authentication failed"));
        AccountId account = registry.accountOfTerminal(terminal)
                .orElseThrow(() -> new ApiRefusal(ErrorCode.NO_ACCOUNT, "terminal " + terminal.value()
                        + " is registered to no account"));
        Money balance = wallet.balance(account, OperatorDepotRoute.currency(query(exchange, "currency")
                .orElse("EUR")));
        respond(exchange, 200, new TerminalBalance(terminal.value(), account.value(), balance));
    }
}
