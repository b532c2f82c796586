package org.pilegate.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pilegate.web.internal.OperatorLoginRouteTest.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;

import com.fasterxml.jackson.databind.JsonNode;

class TerminalWalletRouteTest {

    private static final String CREDENTIAL = "anna-phone.secret";
    private static final Map<TerminalId, AccountId> ACCOUNTS = Map.of(new TerminalId("anna-phone"),
            new AccountId("anna"));

    private final LedgerStub wallet = new LedgerStub();
    private WebGateway gateway;

    @BeforeEach
    void start() throws Exception {
        TerminalCredentials credentials = new TerminalCredentials() {
            @Override
            public String issue(TerminalId terminal) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<TerminalId> authenticate(String credential) {
                return credential.equals(CREDENTIAL) || credential.equals("orphan.secret")
                        ? Optional.of(new TerminalId(credential.substring(0, credential.indexOf('.'))))
                        : Optional.empty();
            }

            @Override
            public boolean revoke(TerminalId terminal) {
                throw new UnsupportedOperationException();
            }
        };
        VehicleRegistry registry = new VehicleRegistry() {
            @Override
            public Optional<AccountId> accountOf(VehicleId vehicle) {
                return Optional.empty();
            }

            @Override
            public Optional<AccountId> accountOfTerminal(TerminalId terminal) {
                return Optional.ofNullable(ACCOUNTS.get(terminal));
            }

            @Override
            public List<TerminalId> terminalsOf(AccountId account) {
                return List.of();
            }

            @Override
            public void registerAccount(AccountId account, String displayName) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void registerVehicle(VehicleId vehicle, AccountId account) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void registerTerminal(TerminalId terminal, AccountId account) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean unregisterVehicle(VehicleId vehicle) {
                throw new UnsupportedOperationException();
            }
        };
        gateway = new WebGateway();
        // the limit on guessing is the authenticator's, tested with it
        gateway.with(new TerminalWalletRoute(gateway.http,
                (credential, address) -> credentials.authenticate(credential), registry, wallet));
        wallet.topUp(new AccountId("anna"), Money.of(4_250, "EUR"), "r1");
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aTerminalSeesTheBalanceOfItsAccount() throws Exception {
        JsonNode balance = json(gateway.get(TerminalWalletRoute.PATH + "?currency=EUR",
                "Authorization", "Bearer " + CREDENTIAL));

        assertEquals("anna", balance.path("account").asText());
        assertEquals(4_250, balance.path("balance").path("minorUnits").asLong());
    }

    @Test
    void withoutAValidCredentialNothingIsShown() throws Exception {
        assertEquals(401, gateway.get(TerminalWalletRoute.PATH).statusCode());
        assertEquals(401, gateway.get(TerminalWalletRoute.PATH, "Authorization", "Bearer anna-phone.guess")
                .statusCode());
        assertEquals(401, gateway.get(TerminalWalletRoute.PATH + "?credential=" + CREDENTIAL).statusCode());
    }

    @Test
    void aTerminalOfNoAccountIsToldWithA403() throws Exception {
        HttpResponse<String> response = gateway.get(TerminalWalletRoute.PATH, "Authorization", "Bearer orphan.secret");

        assertEquals(403, response.statusCode());
        assertEquals("no_account", json(response).path("code").asText());
    }
}
