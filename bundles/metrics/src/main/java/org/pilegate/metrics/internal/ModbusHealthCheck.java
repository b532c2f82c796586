package org.pilegate.metrics.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.metrics.HealthCheck;
import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;

/**
 * The Modbus endpoints answer. An endpoint that is down or retrying makes this DEGRADED, never DOWN: it takes only
 * the piles behind it out of service, and a gateway reported not ready would be taken out of service whole, with
 * every pile that still works.
 */
@Component
public class ModbusHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModbusManager transport;

    public ModbusHealthCheck() {
    }

    ModbusHealthCheck(ModbusManager transport) {
        this.transport = transport;
    }

    @Override
    public String name() {
        return "modbus";
    }

    @Override
    public Result check() {
        ModbusManager modbus = transport;
        if (modbus == null) {
            return Result.degraded("the Modbus transport is not running: no pile can be read");
        }
        List<String> down = new ArrayList<>();
        List<String> retrying = new ArrayList<>();
        for (ModbusEndpoint endpoint : modbus.endpoints()) {
            EndpointHealth health = modbus.health(endpoint);
            String described = endpoint + health.lastError().map(error -> " (" + error + ")").orElse("");
            switch (health.state()) {
                case DOWN -> down.add(described);
                case DEGRADED -> retrying.add(described);
                case OK -> { }
            }
        }
        if (down.isEmpty() && retrying.isEmpty()) {
            return Result.up(modbus.endpoints().size() + " endpoints answer");
        }
        List<String> problems = new ArrayList<>();
        if (!down.isEmpty()) {
            problems.add("endpoints down: " + Reasons.list(down));
        }
        if (!retrying.isEmpty()) {
            problems.add("endpoints retrying: " + Reasons.list(retrying));
        }
        return Result.degraded(String.join("; ", problems));
    }
}
