package org.pilegate.metrics.internal;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.metrics.HealthCheck;

/**
 * The CamelContext runs with all its routes started: DOWN otherwise, since every message between terminals and piles
 * goes through those routes.
 */
@Component
public class CamelHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CamelContext camel;

    public CamelHealthCheck() {
    }

    CamelHealthCheck(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public Result check() {
        CamelContext context = camel;
        if (context == null) {
            return Result.down("no CamelContext is running");
        }
        if (!context.isStarted()) {
            return Result.down("CamelContext " + context.getName() + " is " + context.getStatus());
        }
        List<String> notStarted = context.getRoutes().stream()
                .filter(route -> status(context, route) != ServiceStatus.Started)
                .map(route -> route.getRouteId() + " (" + status(context, route) + ")")
                .toList();
        if (!notStarted.isEmpty()) {
            return Result.down("routes not started: " + Reasons.list(notStarted));
        }
        return Result.up("CamelContext " + context.getName() + " started with " + context.getRoutesSize()
                + " routes");
    }

    private static ServiceStatus status(CamelContext context, Route route) {
        return context.getRouteController().getRouteStatus(route.getRouteId());
    }
}
