package org.pilegate.camel.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets Camel load, by name, classes of the bundles whose routes it runs (an {@code onException} clause names its
 * exception class; Camel resolves it when the route starts). Camel's own classes come first, from the parent.
 */
final class RouteBundlesClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final List<ClassLoader> routeLoaders = new CopyOnWriteArrayList<>();

    RouteBundlesClassLoader(ClassLoader camelLoader) {
        super("pilegate-routes", camelLoader);
    }

    void add(ClassLoader loader) {
        if (!routeLoaders.contains(loader)) {
            routeLoaders.add(loader);
        }
    }

    void remove(ClassLoader loader) {
        routeLoaders.remove(loader);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader loader : routeLoaders) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException notThere) {
                // try the next route bundle
            }
        }
        throw new ClassNotFoundException(name);
    }
}
