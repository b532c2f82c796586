package org.pilegate.driver.testkit;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The part of a framework a driver component uses: framework properties and service registrations, recorded so
 * tests can look at them.
 */
public final class TestBundleContext {

    /** One {@code registerService} call. */
    public static final class Registration {

        private final List<String> classes;
        private final Object service;
        private volatile Map<String, Object> properties;
        private volatile boolean unregistered;

        Registration(List<String> classes, Object service, Map<String, Object> properties) {
            this.classes = classes;
            this.service = service;
            this.properties = properties;
        }

        public List<String> classes() {
            return classes;
        }

        public Object service() {
            return service;
        }

        public Map<String, Object> properties() {
            return properties;
        }

        public boolean unregistered() {
            return unregistered;
        }
    }

    private final Map<String, String> frameworkProperties;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();

    public TestBundleContext(Map<String, String> frameworkProperties) {
        this.frameworkProperties = Map.copyOf(frameworkProperties);
    }

    public TestBundleContext() {
        this(Map.of());
    }

    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    /** The service registered under {@code objectClass} whose property {@code key} is {@code value}, if still so. */
    public Optional<Object> service(String objectClass, String key, Object value) {
        return registrations.stream()
                .filter(r -> !r.unregistered && r.classes.contains(objectClass)
                        && value.equals(r.properties.get(key)))
                .map(Registration::service)
                .findFirst();
    }

    public BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "getProperty" -> frameworkProperties.get((String) args[0]);
                    case "registerService" -> register(args);
                    case "toString" -> "TestBundleContext";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServiceRegistration<?> register(Object[] args) {
        List<String> classes = args[0] instanceof String[] names ? List.of(names)
                : args[0] instanceof Class<?> type ? List.of(type.getName())
                : List.of((String) args[0]);
        Registration registration = new Registration(classes, args[1], copy((Dictionary<?, ?>) args[2]));
        registrations.add(registration);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (self, method, margs) -> {
                    if (registration.unregistered) {
                        throw new IllegalStateException("already unregistered");
                    }
                    switch (method.getName()) {
                        case "setProperties" -> registration.properties = copy((Dictionary<?, ?>) margs[0]);
                        case "unregister" -> registration.unregistered = true;
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }

    private static Map<String, Object> copy(Dictionary<?, ?> dictionary) {
        Map<String, Object> copy = new HashMap<>();
        if (dictionary != null) {
            for (Object key : Collections.list(dictionary.keys())) {
                copy.put(key.toString(), dictionary.get(key));
            }
        }
        return Map.copyOf(copy);
    }
}
