package org.pilegate.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages' files, from this bundle's {@code web/} resources: {@code /terminal} and {@code /dashboard} (with or
 * without a trailing slash) are their pages' index.html, {@code /<page>/<file>} a file of the page and
 * {@code /assets/<file>} one they share. Only plain file names of known types are served, so no request reaches
 * outside {@code web/}. Files are read once.
 */
final class WebAssets {

    static final String PAGES = "terminal|dashboard";
    private static final Pattern PATH = Pattern.compile(
            "/(" + PAGES + "|assets)(?:/([a-z0-9][a-z0-9-]*\\.(html|js|css|svg|png)))?/?");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** A file to send. */
    record Asset(byte[] content, String contentType) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    WebAssets(ClassLoader loader) {
        this.loader = loader;
    }

    Optional<Asset> find(String path) {
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String folder = matcher.group(1);
        if (matcher.group(2) == null) {
            return "assets".equals(folder) ? Optional.empty() : find("/" + folder + "/index.html");
        }
        String resource = "web/" + folder + "/" + matcher.group(2);
        return cache.computeIfAbsent(resource, name -> read(name, CONTENT_TYPES.get(matcher.group(3))));
    }

    private Optional<Asset> read(String resource, String contentType) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " of the web bundle", e);
        }
    }
}
