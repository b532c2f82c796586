package org.pilegate.camel.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * bundle can be updated while the context and the other bundles' routes keep running. A builder whose routes
 * fail to start is logged and left out; it never takes the context or other routes down.
 */
@Component(immediate = true)
public class RouteWhiteboardCamelContext {

    private static final Logger LOG = LoggerFactory.getLogger(RouteWhiteboardCamelContext.class);
    private static final String CONTEXT_NAME = "pilegate";

    private final DefaultCamelContext camelContext = new DefaultCamelContext();
    private final RouteBundlesClassLoader classLoader =
            new RouteBundlesClassLoader(DefaultCamelContext.class.getClassLoader());
    /** Builders known, with the ids of the routes they started; empty until the context runs. */
    private final Map<RouteBuilder, List<String>> routeIdsByBuilder = new LinkedHashMap<>();
    private boolean started;
    private ServiceRegistration<CamelContext> registration;

    @Activate
    synchronized void activate(BundleContext bundleContext) {
        camelContext.getCamelContextExtension().setName(CONTEXT_NAME);
        camelContext.setApplicationContextClassLoader(classLoader);
        // Camel finds components and type converters through resources of its embedded jars, which only this
        // bundle's class loader sees, not the caller's context class loader.
        withContextClassLoader(classLoader, camelContext::start);
        started = true;
        List.copyOf(routeIdsByBuilder.keySet()).forEach(this::startRoutes);
        registration = bundleContext.registerService(CamelContext.class, camelContext, null);
        LOG.info("CamelContext '{}' started (Camel {})", CONTEXT_NAME, camelContext.getVersion());
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        started = false;
        camelContext.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addRouteBuilder(RouteBuilder builder) {
        routeIdsByBuilder.put(builder, List.of());
        if (started) {
            startRoutes(builder);
        }
    }

    synchronized void removeRouteBuilder(RouteBuilder builder) {
        List<String> routeIds = routeIdsByBuilder.remove(builder);
        if (routeIds != null && started) {
            removeRoutes(builder, routeIds);
            LOG.info("Routes {} of {} removed", routeIds, builder.getClass().getName());
        }
        classLoader.remove(builder.getClass().getClassLoader());
    }

    private void startRoutes(RouteBuilder builder) {
        String name = builder.getClass().getName();
        classLoader.add(builder.getClass().getClassLoader());
        try {
            withContextClassLoader(classLoader, () -> {
                try {
                    camelContext.addRoutes(builder);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Routes of {} could not start and are left out", name, e);
            removeRoutes(builder, routeIdsOf(builder));
            return;
        }
        List<String> routeIds = routeIdsOf(builder);
        routeIdsByBuilder.put(builder, routeIds);
        LOG.info("Routes {} of {} started", routeIds, name);
    }

    private void removeRoutes(RouteBuilder builder, List<String> routeIds) {
        for (String routeId : routeIds) {
            try {
                camelContext.getRouteController().stopRoute(routeId);
                camelContext.removeRoute(routeId);
            } catch (Exception e) {
                LOG.warn("Route {} of {} could not be removed cleanly", routeId, builder.getClass().getName(), e);
            }
        }
    }

    private static List<String> routeIdsOf(RouteBuilder builder) {
        return builder.getRouteCollection().getRoutes().stream()
                .map(RouteDefinition::getRouteId)
                .toList();
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
