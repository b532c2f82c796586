package org.pilegate.metrics.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.uplink.UplinkBacklog;
import org.pilegate.api.uplink.UplinkBacklog.Backlog;
import org.pilegate.metrics.HealthCheck;

/**
 * The fleet uplink and its backlog. Never DOWN: the depot charges and bills without its fleet; the outbox keeps what
 * is to be sent. DEGRADED while sends fail, saying how much waits and since when.
 */
@Component
public class UplinkHealthCheck implements HealthCheck {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UplinkBacklog uplink;

    public UplinkHealthCheck() {
    }

    UplinkHealthCheck(UplinkBacklog uplink) {
        this.uplink = uplink;
    }

    @Override
    public String name() {
        return "uplink";
    }

    @Override
    public Result check() {
        UplinkBacklog source = uplink;
        if (source == null) {
            return Result.up("the fleet uplink is not installed");
        }
        Backlog backlog;
        try {
            backlog = source.backlog();
        } catch (RuntimeException e) {
            return Result.degraded("the uplink's outbox cannot be read: " + e.getMessage());
        }
        String waiting = backlog.events() + " event(s) waiting (" + backlog.billingEvents() + " billing, "
                + backlog.bytes() + " bytes)" + backlog.oldest().map(oldest -> ", the oldest since " + oldest)
                        .orElse("") + (backlog.droppedTelemetry() > 0 ? ", " + backlog.droppedTelemetry()
                                + " telemetry event(s) dropped past the disk budget" : "");
        if (!backlog.enabled()) {
            return Result.up("the fleet uplink is disabled; " + waiting);
        }
        return backlog.lastError().map(error -> Result.degraded("sending to the fleet's cluster fails (" + error
                + "); " + waiting)).orElse(Result.up(backlog.sent() + " event(s) sent; " + waiting));
    }
}
