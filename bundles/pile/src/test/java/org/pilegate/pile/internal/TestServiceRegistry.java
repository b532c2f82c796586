package org.pilegate.pile.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * As much of a framework's service registry as a pile uses: services registered with properties, looked up and
 * listened for by filter, so a test sees what a component offers and when.
 */
final class TestServiceRegistry {

    private final List<Service> services = new ArrayList<>();
    private final Map<ServiceListener, Filter> listeners = new LinkedHashMap<>();
    private long lastId;

    /** The bundle context a component under test gets. */
    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (self, method, args) -> switch (method.getName()) {
                    case "registerService" -> register(names(args[0]), args[1], (Dictionary<?, ?>) args[2]);
                    case "getServiceReferences" -> {
                        List<Service> found = find(args[1] == null ? null : FrameworkUtil.createFilter((String) args[1]));
                        yield method.getReturnType().isArray()
                                ? (found.isEmpty() ? null : found.toArray(ServiceReference[]::new)) : found;
                    }
                    case "getService" -> get((Service) args[0]);
                    case "ungetService" -> true;
                    case "addServiceListener" -> listen((ServiceListener) args[0],
                            args.length > 1 && args[1] != null ? FrameworkUtil.createFilter((String) args[1]) : null);
                    case "removeServiceListener" -> stopListening((ServiceListener) args[0]);
                    case "createFilter" -> FrameworkUtil.createFilter((String) args[0]);
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> "TestServiceRegistry";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The services registered now under {@code type}. */
    synchronized List<Service> registered(Class<?> type) {
        return services.stream().filter(service -> service.names.contains(type.getName())).toList();
    }

    private synchronized Service register(List<String> names, Object service, Dictionary<?, ?> given) {
        Map<String, Object> properties = copy(given);
        properties.put(Constants.OBJECTCLASS, names.toArray(String[]::new));
        properties.put(Constants.SERVICE_ID, ++lastId);
        Service registered = new Service(names, service, Map.copyOf(properties));
        services.add(registered);
        announce(ServiceEvent.REGISTERED, registered);
        return registered;
    }

    private synchronized void unregister(Service service) {
        if (!services.contains(service)) {
            throw new IllegalStateException("service " + service + " is unregistered already");
        }
        announce(ServiceEvent.UNREGISTERING, service);
        services.remove(service);
    }

    private synchronized List<Service> find(Filter filter) {
        return services.stream().filter(service -> filter == null || filter.match(service)).toList();
    }

    private synchronized Object get(Service service) {
        return services.contains(service) ? service.service : null;
    }

    private synchronized Object listen(ServiceListener listener, Filter filter) {
        listeners.put(listener, filter);
        return null;
    }

    private synchronized Object stopListening(ServiceListener listener) {
        listeners.remove(listener);
        return null;
    }

    private static Map<String, Object> copy(Dictionary<?, ?> given) {
        Map<String, Object> properties = new HashMap<>();
        if (given != null) {
            for (Object key : Collections.list(given.keys())) {
                properties.put(key.toString(), given.get(key));
            }
        }
        return properties;
    }

    /** Tells the listeners whose filter matches, synchronously as frameworks do for service listeners. */
    private void announce(int type, Service service) {
        for (Map.Entry<ServiceListener, Filter> listener : new ArrayList<>(listeners.entrySet())) {
            if (listener.getValue() == null || listener.getValue().match(service)) {
                listener.getKey().serviceChanged(new ServiceEvent(type, service));
            }
        }
    }

    private static List<String> names(Object classes) {
        if (classes instanceof String[] names) {
            return List.of(names);
        }
        return List.of(classes instanceof Class<?> type ? type.getName() : (String) classes);
    }

    /** A registered service: its registration and its reference in one. */
    final class Service implements ServiceRegistration<Object>, ServiceReference<Object> {

        private final List<String> names;
        private final Object service;
        private volatile Map<String, Object> properties;

        private Service(List<String> names, Object service, Map<String, Object> properties) {
            this.names = names;
            this.service = service;
            this.properties = properties;
        }

        Object service() {
            return service;
        }

        @Override
        public ServiceReference<Object> getReference() {
            return this;
        }

        @Override
        public void setProperties(Dictionary<String, ?> changed) {
            Map<String, Object> next = copy(changed);
            next.put(Constants.OBJECTCLASS, properties.get(Constants.OBJECTCLASS));
            next.put(Constants.SERVICE_ID, properties.get(Constants.SERVICE_ID));
            properties = Map.copyOf(next);
            announce(ServiceEvent.MODIFIED, this);
        }

        @Override
        public void unregister() {
            TestServiceRegistry.this.unregister(this);
        }

        @Override
        public Object getProperty(String key) {
            return properties.get(key);
        }

        @Override
        public String[] getPropertyKeys() {
            return properties.keySet().toArray(String[]::new);
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            return new Hashtable<>(properties);
        }

        @Override
        public Bundle getBundle() {
            return null;
        }

        @Override
        public Bundle[] getUsingBundles() {
            return null;
        }

        @Override
        public boolean isAssignableTo(Bundle bundle, String className) {
            return true;
        }

        @Override
        public int compareTo(Object other) {
            // a lower service id ranks higher, as among services of equal ranking
            return Long.compare((Long) ((Service) other).getProperty(Constants.SERVICE_ID),
                    (Long) getProperty(Constants.SERVICE_ID));
        }

        @Override
        public <A> A adapt(Class<A> type) {
            return null;
        }

        @Override
        public String toString() {
            return names + " " + properties.get(Constants.SERVICE_ID);
        }
    }
}
