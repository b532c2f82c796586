package org.pilegate.camel.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one CamelContext. Every {@link RouteBuilder} registered as an OSGi service (typically a DS
 * component of a routing bundle) is added when it appears and its routes are removed when it goes, so a routing
 * bundle can be updated while the context and the other bundles' routes keep running.
 */
@Component(immediate = true)
public class RouteWhiteboardCamelContext {

    private static final Logger LOG = LoggerFactory.getLogger(RouteWhiteboardCamelContext.class);
    private static final String CONTEXT_NAME = "pilegate";

    private final DefaultCamelContext camelContext = new DefaultCamelContext();
    private final Map<RouteBuilder, List<String>> routeIdsByBuilder = new ConcurrentHashMap<>();
    private ServiceRegistration<CamelContext> registration;

    @Activate
    void activate(BundleContext bundleContext) {
        camelContext.getCamelContextExtension().setName(CONTEXT_NAME);
        // Camel discovers components and type converters through resources of the embedded jars; the bundle's
        // own class loader sees them all, the caller's context class loader does not.
        ClassLoader runtimeLoader = DefaultCamelContext.class.getClassLoader();
        camelContext.setApplicationContextClassLoader(runtimeLoader);
        withContextClassLoader(runtimeLoader, camelContext::start);
        registration = bundleContext.registerService(CamelContext.class, camelContext, null);
        LOG.info("CamelContext '{}' started (Camel {})", CONTEXT_NAME, camelContext.getVersion());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        camelContext.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRouteBuilder(RouteBuilder builder) {
        withContextClassLoader(builder.getClass().getClassLoader(), () -> {
            try {
                camelContext.addRoutes(builder);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot add routes of " + builder.getClass().getName(), e);
            }
        });
        List<String> routeIds = builder.getRouteCollection().getRoutes().stream()
                .map(RouteDefinition::getRouteId)
                .toList();
        routeIdsByBuilder.put(builder, routeIds);
        LOG.info("Routes {} of {} started", routeIds, builder.getClass().getName());
    }

    void removeRouteBuilder(RouteBuilder builder) {
        List<String> routeIds = routeIdsByBuilder.remove(builder);
        if (routeIds == null) {
            return;
        }
        for (String routeId : routeIds) {
            try {
                camelContext.getRouteController().stopRoute(routeId);
                camelContext.removeRoute(routeId);
            } catch (Exception e) {
                LOG.warn("Route {} of {} could not be removed cleanly", routeId, builder.getClass().getName(), e);
            }
        }
        LOG.info("Routes {} of {} removed", routeIds, builder.getClass().getName());
    }

    private static void withContextClassLoader(ClassLoader loader, Runnable action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
