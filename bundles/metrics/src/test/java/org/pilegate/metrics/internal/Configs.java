package org.pilegate.metrics.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A metatype configuration as DS hands it over: the defaults of the annotation, some of them overridden. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + overrides;
                    case "hashCode" -> overrides.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> overrides.containsKey(method.getName())
                            ? overrides.get(method.getName())
                            : method.getDefaultValue();
                }));
    }
}
