package org.pilegate.shell.internal;

import java.time.Duration;
import java.util.Comparator;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.ModbusManager;

@Command(scope = "pilegate", name = "endpoints", description = "Lists the Modbus endpoints with their health and"
        + " request metrics.")
@Service
public class EndpointsCommand implements Action {

    @Reference
    private ModbusManager modbus;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Endpoint");
        table.column("Health");
        table.column("Since");
        table.column("Requests").alignRight();
        table.column("Errors").alignRight();
        table.column("Retries").alignRight();
        table.column("Reconnects").alignRight();
        table.column("p50 ms").alignRight();
        table.column("p99 ms").alignRight();
        table.column("Last error");
        modbus.endpoints().stream()
                .sorted(Comparator.comparing(Object::toString))
                .forEach(endpoint -> {
                    EndpointHealth health = modbus.health(endpoint);
                    EndpointMetrics metrics = modbus.metrics(endpoint);
                    long errors = metrics.errors().values().stream().mapToLong(Long::longValue).sum();
                    table.addRow().addContent(endpoint, health.state(), health.since(), metrics.requests(), errors,
                            metrics.retries(), metrics.reconnects(), millis(metrics.latencyP50()),
                            millis(metrics.latencyP99()), health.lastError().orElse(""));
                });
        table.print(session.getConsole());
        return null;
    }

    private static String millis(Duration duration) {
        return String.format("%.2f", duration.toNanos() / 1_000_000.0);
    }
}
