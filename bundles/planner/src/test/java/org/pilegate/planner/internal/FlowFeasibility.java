package org.pilegate.planner.internal;

import java.util.List;

import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.SiteModel;

/**
 * Whether every single-phase vehicle can have its energy by its departure, decided exactly by a max-flow over the
 * quarter-hour slots (currents may be any amount here, so the flow bounds what whole amperes of 0 or 6 A and more
 * can do). Units are ampere-slots: source → vehicle (its need) → its feeder and phase in each slot before its
 * departure (its maximum) → up the tree, each feeder and phase carrying at most its limit less the margin → sink.
 */
final class FlowFeasibility {

    private FlowFeasibility() {
    }

    /**
     * @param share the part of every feeder's limit (less the margin) the flow may use: 1 for the exact check, less
     *     for one with slack
     */
    static boolean allDeparturesMet(SiteModel site, List<Demand> demands, int slots, double share) {
        SimpleDirectedWeightedGraph<String, DefaultWeightedEdge> graph =
                new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        graph.addVertex("source");
        graph.addVertex("sink");
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
                            share * Math.max(0, feeder.limitA().on(phase) - site.safetyMarginA()));
                }
            }
        }
        double needed = 0;
        for (Demand demand : demands) {
            String vehicle = "vehicle-" + demand.pile().value();
            graph.addVertex(vehicle);
            // one ampere-slot is 230 V × 0.25 h = 57.5 Wh
            double ampSlots = Math.ceil(demand.needWh().getAsLong() / 57.5);
            needed += ampSlots;
            edge(graph, "source", vehicle, ampSlots);
            long before = java.time.Duration.between(RandomDepot.NOW, demand.departure().orElseThrow()).toMinutes()
                    / 15;
            Phase phase = demand.wiring().phases().get(0);
            for (int slot = 0; slot < Math.min(before, slots); slot++) {
                edge(graph, vehicle, node(demand.wiring().feeder(), phase, slot), demand.maxCurrentA());
            }
        }
        double flow = new PushRelabelMFImpl<>(graph).getMaximumFlow("source", "sink").getValue();
        return flow >= needed - 1e-6;
    }

    private static String node(String feeder, Phase phase, int slot) {
        return feeder + "/" + phase + "/" + slot;
    }

    private static void edge(SimpleDirectedWeightedGraph<String, DefaultWeightedEdge> graph, String from, String to,
            double capacity) {
        DefaultWeightedEdge edge = graph.addEdge(from, to);
        graph.setEdgeWeight(edge, capacity);
    }
}
