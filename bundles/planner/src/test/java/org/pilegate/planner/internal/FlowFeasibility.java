package org.pilegate.planner.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.jgrapht.alg.interfaces.MaximumFlowAlgorithm.MaximumFlow;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.SiteModel;

/**
 * Whether every single-phase vehicle of a random depot can have its energy by its departure, decided by flows over
 * the quarter-hour slots in whole ampere-slots: source → vehicle (at least its need) → its feeder and phase in each slot before
 * its departure (up to its maximum) → up the tree, each feeder and phase carrying at most its limit less the margin
 * → sink.
 * <p>
 * The max-flow alone ({@link #relaxed}) lets a vehicle have 1 to 5 A in a slot, which no plan may: it can say yes
 * where the rules say no ({@code PlannerTest} has a depot of two). {@link #withSixAmpRule} decides under the rules:
 * a vehicle's current in a slot is 0 or 6 A to its maximum — a max-flow with minimum quantities, which is NP-hard in
 * general, so it searches: each step solves a flow with lower bounds (6 A on every vehicle-slot forced on, nothing
 * on those forced off) and, while the flow still has a vehicle-slot of 1 to 5 A, branches on it, off first. A flow
 * without such a slot is a plan that meets every departure; a search that runs out of branches proves there is none.
 */
final class FlowFeasibility {

    enum Verdict { FEASIBLE, INFEASIBLE, UNDECIDED }

    private static final double UNBOUNDED = 1e12;

    private final SiteModel site;
    private final List<Demand> demands;
    private final int slots;
    private final int[] need;
    private final int[] window;

    private FlowFeasibility(SiteModel site, List<Demand> demands, int slots) {
        this.site = site;
        this.demands = demands;
        this.slots = slots;
        need = new int[demands.size()];
        window = new int[demands.size()];
        for (int v = 0; v < need.length; v++) {
            Demand demand = demands.get(v);
            need[v] = (int) Math.ceil(demand.needWh().getAsLong() / 57.5); // 230 V × 0.25 h per ampere-slot
            long before = Duration.between(RandomDepot.NOW, demand.departure().orElseThrow()).toMinutes() / 15;
            window[v] = (int) Math.min(before, slots);
        }
    }

    /** The max-flow without the 6 A rule: false proves that no plan meets every departure. */
    static boolean relaxed(SiteModel site, List<Demand> demands, int slots) {
        FlowFeasibility flow = new FlowFeasibility(site, demands, slots);
        return flow.solve(new byte[demands.size() * slots]) != null;
    }

    /** The search under the 6 A rule, giving up as undecided after {@code maxSteps} flows. */
    static Verdict withSixAmpRule(SiteModel site, List<Demand> demands, int slots, int maxSteps) {
        FlowFeasibility flow = new FlowFeasibility(site, demands, slots);
        byte[] none = new byte[demands.size() * slots];
        if (flow.dive(none.clone(), maxSteps)) {
            return Verdict.FEASIBLE;
        }
        Deque<byte[]> open = new ArrayDeque<>();
        open.push(none);
        for (int step = 0; step < maxSteps; step++) {
            if (open.isEmpty()) {
                return Verdict.INFEASIBLE;
            }
            byte[] forced = open.pop();
            int[] amps = flow.solve(forced);
            if (amps == null) {
                continue;
            }
            int between = -1;
            for (int e = 0; e < amps.length && between < 0; e++) {
                if (amps[e] > 0 && amps[e] < Job.MIN_CURRENT_A) {
                    between = e;
                }
            }
            if (between < 0) {
                return Verdict.FEASIBLE;
            }
            byte[] on = forced.clone();
            on[between] = ON;
            byte[] off = forced.clone();
            off[between] = OFF;
            open.push(on);
            open.push(off);
        }
        // given up: a few vehicles on one feeder and phase may prove it cannot, alone, where the flows cannot tell
        return open.isEmpty() ? Verdict.INFEASIBLE : PartCheck.of(site, demands, slots);
    }

    /**
     * A quick way to a plan, first: every vehicle-slot of 1 to 5 A forced up to 6 A at once, or, where the flow then
     * fails, off at once, flow after flow; whether that ends in a flow without one.
     */
    private boolean dive(byte[] forced, int maxSteps) {
        int[] amps = solve(forced);
        for (int step = 0; step < maxSteps && amps != null; step++) {
            List<Integer> between = new java.util.ArrayList<>();
            for (int e = 0; e < amps.length; e++) {
                if (amps[e] > 0 && amps[e] < Job.MIN_CURRENT_A) {
                    between.add(e);
                }
            }
            if (between.isEmpty()) {
                return true;
            }
            between.forEach(e -> forced[e] = ON);
            int[] up = solve(forced);
            if (up == null) {
                between.forEach(e -> forced[e] = OFF);
                up = solve(forced);
            }
            amps = up;
        }
        return false;
    }

    private static final byte ON = 1;
    private static final byte OFF = 2;

    /**
     * A flow meeting every vehicle's need with each vehicle-slot at least 6 A where forced on and 0 where forced off,
     * as a circulation with lower bounds; its ampere-slots per vehicle-slot, or null if there is none.
     */
    private int[] solve(byte[] forced) {
        SimpleDirectedWeightedGraph<String, DefaultWeightedEdge> graph =
                new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        Map<String, Double> excess = new java.util.HashMap<>();
        for (String node : List.of("source", "sink", "in", "out")) {
            graph.addVertex(node);
        }
        edge(graph, "sink", "source", UNBOUNDED);
        for (int t = 0; t < slots; t++) {
            int slot = t;
            for (Feeder feeder : site.feeders()) {
                for (Phase phase : Phase.values()) {
                    graph.addVertex(node(feeder.id(), phase, slot));
                }
            }
            for (Feeder feeder : site.feeders()) {
                for (Phase phase : Phase.values()) {
                    String up = feeder.parent().map(p -> node(p, phase, slot)).orElse("sink");
                    edge(graph, node(feeder.id(), phase, slot), up,
                            Math.max(0, feeder.limitA().on(phase) - site.safetyMarginA()));
                }
            }
        }
        DefaultWeightedEdge[] vehicleSlot = new DefaultWeightedEdge[forced.length];
        for (int v = 0; v < need.length; v++) {
            Demand demand = demands.get(v);
            String vehicle = "vehicle-" + v;
            graph.addVertex(vehicle);
            // at least its need: a current of 6 A may give it more
            lowerBound(excess, "source", vehicle, need[v]);
            edge(graph, "source", vehicle, UNBOUNDED);
            Phase phase = demand.wiring().phases().get(0);
            for (int slot = 0; slot < window[v]; slot++) {
                int e = v * slots + slot;
                int low = forced[e] == ON ? Job.MIN_CURRENT_A : 0;
                int high = forced[e] == OFF ? 0 : demand.maxCurrentA();
                if (high > 0) {
                    vehicleSlot[e] = edge(graph, vehicle, node(demand.wiring().feeder(), phase, slot), high - low);
                    lowerBound(excess, vehicle, node(demand.wiring().feeder(), phase, slot), low);
                }
            }
        }
        double required = 0;
        for (Map.Entry<String, Double> entry : excess.entrySet()) {
            if (entry.getValue() > 0) {
                edge(graph, "in", entry.getKey(), entry.getValue());
                required += entry.getValue();
            } else if (entry.getValue() < 0) {
                edge(graph, entry.getKey(), "out", -entry.getValue());
            }
        }
        MaximumFlow<DefaultWeightedEdge> flow = new PushRelabelMFImpl<>(graph).getMaximumFlow("in", "out");
        if (flow.getValue() < required - 1e-6) {
            return null;
        }
        int[] amps = new int[forced.length];
        for (int e = 0; e < amps.length; e++) {
            if (vehicleSlot[e] != null) {
                amps[e] = (int) Math.round(flow.getFlowMap().get(vehicleSlot[e]))
                        + (forced[e] == ON ? Job.MIN_CURRENT_A : 0);
            }
        }
        return amps;
    }

    /** An edge's lower bound, as a circulation carries it: out of {@code from} and into {@code to} at once. */
    private static void lowerBound(Map<String, Double> excess, String from, String to, double low) {
        excess.merge(to, low, Double::sum);
        excess.merge(from, -low, Double::sum);
    }

    private static String node(String feeder, Phase phase, int slot) {
        return feeder + "/" + phase + "/" + slot;
    }

    private static DefaultWeightedEdge edge(SimpleDirectedWeightedGraph<String, DefaultWeightedEdge> graph,
            String from, String to, double capacity) {
        DefaultWeightedEdge edge = graph.addEdge(from, to);
        graph.setEdgeWeight(edge, capacity);
        return edge;
    }
}
