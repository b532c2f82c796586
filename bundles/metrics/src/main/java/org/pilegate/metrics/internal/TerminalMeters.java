package org.pilegate.metrics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.routing.TerminalPresence;

import io.micrometer.core.instrument.Gauge;

/**
 * {@code pilegate_terminal_connections}: open WebSocket connections of terminals, authenticated or not;
 * {@code pilegate_terminals_connected}: distinct terminals with an authenticated connection.
 */
@Component
public class TerminalMeters {

    private final MeterGroup group;

    @Activate
    public TerminalMeters(@Reference(name = "meters") GatewayMeters meters,
            @Reference(name = "terminals") TerminalPresence terminals) {
        group = meters.group();
        group.keep(terminals);
        group.add(Gauge.builder("pilegate.terminal.connections", terminals, TerminalPresence::openConnections)
                .description("Open WebSocket connections of terminals, authenticated or not")
                .register(group.registry()));
        group.add(Gauge.builder("pilegate.terminals.connected", terminals, TerminalPresence::connectedTerminals)
                .description("Distinct terminals with at least one authenticated connection")
                .register(group.registry()));
    }

    @Deactivate
    void deactivate() {
        group.close();
    }
}
