package org.pilegate.web.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.api.pile.PileController;
import org.pilegate.routing.GatewayHttpServer;
import org.pilegate.tariff.PriceComponent;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffDirectory;
import org.pilegate.tariff.TariffElement;
import org.pilegate.tariff.TariffRestrictions;

/**
 * The operator's view of the depot, for the dashboard; every path needs an operator sign-in.
 * <ul>
 * <li>{@code GET /api/operator/piles}: every pile's state, plug, contactor, power, energy register, session,
 * fault and what holds it back in the depot's plan, the power of the whole site, and the site's power planned in
 * each slot of the plan's horizon.</li>
 * <li>{@code GET /api/operator/sessions?state=CHARGING,FINISHED&pile=…&account=…&limit=50}: sessions, newest first;
 * {@code "available":false} while no session directory runs.</li>
 * <li>{@code GET /api/operator/wallet?account=…&currency=EUR}: a driver's balance.</li>
 * <li>{@code POST /api/operator/wallet/topup} {@code {"account":…,"amount":{"minorUnits":…,"currency":…},
 * "reference":…}}: credits money the driver paid in, once per reference.</li>
 * <li>{@code GET /api/operator/tariff?pile=…}: the tariff in force at a pile.</li>
 * </ul>
 * Services that are not running answer 503 ({@code service_unavailable}); the piles list is simply empty.
 */
@Component(service = RouteBuilder.class)
public class OperatorDepotRoute extends ApiRoute {

    static final int DEFAULT_SESSION_LIMIT = 50;
    static final int MAX_SESSION_LIMIT = 500;

    record PileView(String pile, String state, String plug, boolean contactorClosed, long powerW, long energyWh,
            int currentLimitA, Optional<String> session, Optional<String> fault, Optional<String> heldBackBy,
            Instant at) {

        /** The pile as its controller shows it, with what holds it back in the depot's plan while it charges. */
        static PileView of(PileController pile) {
            PileStatus status = pile.status();
            Optional<String> held = pile.plan().flatMap(plan -> plan.pile(status.pileId()))
                    .map(planned -> planned.hold().text());
            return new PileView(status.pileId().value(), status.state().name(), status.plugState().name(),
                    status.contactorClosed(), status.powerW(), status.energyWh(), status.currentLimitA(),
                    status.activeSession().map(SessionId::value), status.faultText(), held, status.at());
        }
    }

    /** One slot of the depot's plan: the power all piles are planned to draw together from start to end. */
    record PlannedSlot(Instant start, Instant end, long powerW) {

        /** The slots of the depot's plan, which every pile sees alike; none while the depot does not plan. */
        static List<PlannedSlot> of(Collection<PileController> piles) {
            return piles.stream().map(PileController::plan).flatMap(Optional::stream).findFirst()
                    .map(plan -> IntStream.range(0, plan.slots()).mapToObj(slot -> new PlannedSlot(
                            plan.boundaries().get(slot), plan.boundaries().get(slot + 1),
                            plan.sitePowerW().get(slot))).toList())
                    .orElse(List.of());
        }
    }

    record Piles(List<PileView> piles, long sitePowerW, List<PlannedSlot> plan, Instant at) {
    }

    record SessionView(String session, String pile, Optional<String> vehicle, String state, Instant startedAt,
            Optional<Instant> endedAt, long deliveredWh, Optional<String> account, Optional<String> terminal,
            Optional<Money> fee) {

        static SessionView of(SessionOverview overview) {
            var session = overview.session();
            return new SessionView(session.id().value(), session.pile().value(),
                    session.vehicle().map(VehicleId::value), session.state().name(), session.startedAt(),
                    session.endedAt(), overview.deliveredWh(), overview.account().map(AccountId::value),
                    overview.boundTerminal().map(TerminalId::value), overview.fee());
        }
    }

    record Sessions(boolean available, List<SessionView> sessions) {
    }

    record Balance(String account, Money balance) {
    }

    record TopUp(String account, Money amount, String reference) {
    }

    record ComponentView(String type, String price, Optional<String> vat, int stepSize) {

        static ComponentView of(PriceComponent component) {
            return new ComponentView(component.type().name(), component.price().toPlainString(),
                    component.vat().map(vat -> vat.toPlainString()), component.stepSize());
        }
    }

    record ElementView(List<ComponentView> components, boolean restricted) {

        static ElementView of(TariffElement element) {
            return new ElementView(element.priceComponents().stream().map(ComponentView::of).toList(),
                    !element.restrictions().equals(TariffRestrictions.NONE));
        }
    }

    record TariffView(String pile, Optional<String> id, Optional<String> currency, Optional<String> summary,
            List<ElementView> elements) {
    }

    private final GatewayHttpServer http;
    private final OperatorAccess access;

    /** Updated in place, one pile at a time, as {@code PileHealthCheck}'s: not a new list of every pile per pile. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    final Collection<PileController> piles = ConcurrentHashMap.newKeySet();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SessionDirectory sessions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Wallet wallet;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TariffDirectory tariffs;

    @Activate
    public OperatorDepotRoute(@Reference(name = "http") GatewayHttpServer http,
            @Reference(name = "access") OperatorAccess access) {
        this.http = http;
        this.access = access;
    }

    @Override
    void routes() {
        from(http.httpUri("/api/operator/piles", "GET")).routeId("operator-piles")
                .process(exchange -> operator(exchange, access))
                .process(this::piles);
        from(http.httpUri("/api/operator/sessions", "GET")).routeId("operator-sessions")
                .process(exchange -> operator(exchange, access))
                .process(this::sessions);
        from(http.httpUri("/api/operator/wallet", "GET")).routeId("operator-wallet")
                .process(exchange -> operator(exchange, access))
                .process(this::balance);
        from(http.httpUri("/api/operator/wallet/topup", "POST")).routeId("operator-wallet-topup")
                .process(exchange -> operator(exchange, access))
                .process(this::topUp);
        from(http.httpUri("/api/operator/tariff", "GET")).routeId("operator-tariff")
                .process(exchange -> operator(exchange, access))
                .process(this::tariff);
    }

    private void piles(Exchange exchange) {
        List<PileView> views = piles.stream()
                .map(PileView::of)
                .sorted(Comparator.comparing(PileView::pile))
                .toList();
        long sitePowerW = views.stream().mapToLong(view -> Math.max(0, view.powerW())).sum();
        respond(exchange, 200, new Piles(views, sitePowerW, PlannedSlot.of(piles), Instant.now()));
    }

    private void sessions(Exchange exchange) {
        SessionDirectory directory = sessions;
        if (directory == null) {
            respond(exchange, 200, new Sessions(false, List.of()));
            return;
        }
        Set<SessionState> states = query(exchange, "state").map(OperatorDepotRoute::states)
                .orElse(Set.of());
        int limit = query(exchange, "limit").map(text -> number("limit", text)).orElse(DEFAULT_SESSION_LIMIT);
        if (limit < 1 || limit > MAX_SESSION_LIMIT) {
            throw ApiRefusal.badRequest("limit must be 1.." + MAX_SESSION_LIMIT + ", not " + limit);
        }
        SessionQuery sessionQuery = new SessionQuery(states, query(exchange, "account").map(AccountId::new),
                query(exchange, "pile").map(PileId::new), limit);
        respond(exchange, 200, new Sessions(true,
                directory.list(sessionQuery).stream().map(SessionView::of).toList()));
    }

    private void balance(Exchange exchange) {
        AccountId account = new AccountId(query(exchange, "account")
                .orElseThrow(() -> ApiRefusal.badRequest("account is required")));
        Currency currency = currency(query(exchange, "currency").orElse("EUR"));
        respond(exchange, 200, new Balance(account.value(), running(wallet, "the wallet").balance(account,
                currency)));
    }

    private void topUp(Exchange exchange) {
        TopUp topUp = body(exchange, TopUp.class);
        if (topUp.account() == null || topUp.amount() == null || topUp.reference() == null
                || topUp.reference().isBlank()) {
            throw ApiRefusal.badRequest("account, amount and reference are required");
        }
        Wallet running = running(wallet, "the wallet");
        AccountId account = new AccountId(topUp.account());
        running.topUp(account, topUp.amount(), topUp.reference().strip());
        respond(exchange, 200, new Balance(account.value(), running.balance(account, topUp.amount().currency())));
    }

    private void tariff(Exchange exchange) {
        PileId pile = new PileId(query(exchange, "pile")
                .orElseThrow(() -> ApiRefusal.badRequest("pile is required")));
        TariffDirectory directory = running(tariffs, "the tariff service");
        Optional<Tariff> tariff = directory.tariffFor(pile);
        respond(exchange, 200, new TariffView(pile.value(), tariff.map(Tariff::id),
                tariff.map(inForce -> inForce.currency().getCurrencyCode()), directory.summaryFor(pile),
                tariff.map(inForce -> inForce.elements().stream().map(ElementView::of).toList())
                        .orElse(List.of())));
    }

    private static <T> T running(T service, String what) {
        if (service == null) {
            throw ApiRefusal.unavailable(what);
        }
        return service;
    }

    private static Set<SessionState> states(String list) {
        Set<SessionState> states = EnumSet.noneOf(SessionState.class);
        for (String name : list.split(",")) {
            try {
                states.add(SessionState.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiRefusal.badRequest("state: '" + name.strip() + "' is none of " + Arrays.stream(
                        SessionState.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        return states;
    }

    static int number(String name, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiRefusal.badRequest(name + ": '" + text + "' is not a whole number");
        }
    }

    static Currency currency(String code) {
        try {
            return Currency.getInstance(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiRefusal.badRequest("currency: '" + code + "' is not an ISO 4217 code");
        }
    }
}
