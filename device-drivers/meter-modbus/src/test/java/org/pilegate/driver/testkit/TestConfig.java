package org.pilegate.driver.testkit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a configuration as DS hands it to a component: the component property type (an annotation whose methods
 * answer the values set here, else their defaults) and the map of all properties, including keys the type does not
 * declare.
 */
public final class TestConfig<A extends Annotation> {

    private final Class<A> type;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private TestConfig(Class<A> type) {
        this.type = type;
    }

    /** A configuration of factory PID {@code factoryPid}, named {@code name} the way Karaf names cfg files. */
    public static <A extends Annotation> TestConfig<A> of(Class<A> type, String factoryPid, String name) {
        return new TestConfig<>(type).set("service.pid", factoryPid + "~" + name);
    }

    /** A singleton configuration. */
    public static <A extends Annotation> TestConfig<A> of(Class<A> type) {
        return new TestConfig<>(type);
    }

    public TestConfig<A> set(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** The annotation view; {@code a_b()} reads key {@code a.b}, as in DS. */
    public A annotation() {
        Map<String, Object> values = properties();
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> value(method, values.get(method.getName().replace('_', '.')));
                });
        return type.cast(proxy);
    }

    private static Object value(Method method, Object value) {
        if (value == null) {
            // DS answers missing keys without default with the type's zero value
            Object fallback = method.getDefaultValue();
            return fallback != null || !method.getReturnType().isPrimitive() ? fallback : zero(method.getReturnType());
        }
        Class<?> returned = method.getReturnType();
        if (value instanceof String text && returned != String.class) {
            // cfg files hand over text; DS converts it
            return returned == int.class ? Integer.valueOf(text.strip()) : Boolean.valueOf(text.strip());
        }
        return value;
    }

    private static Object zero(Class<?> type) {
        return type == boolean.class ? Boolean.FALSE : Integer.valueOf(0);
    }
}
