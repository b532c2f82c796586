package org.pilegate.device.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds profiles by id: first among the operator's files ({@code <dir>/meter/<id>.json},
 * {@code <dir>/relay/<id>.json}, e.g. under {@code etc/profiles}), then among those shipped in this bundle.
 * An operator file of the same id overrides the shipped one.
 */
public final class ProfileCatalog {

    private static final String SHIPPED = "profiles/";

    /**
     * Profiles as parsed, by file or resource: the devices of a depot share a few profiles, and each device's start
     * would otherwise read and parse its own copy. A profile is immutable; an invalid one is not kept.
     */
    private static final ConcurrentMap<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private record Parsed(Object version, Object profile) {
    }

    private final List<Path> directories;

    public ProfileCatalog(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** The shipped profiles and the operator's under {@code <karaf.etc>/profiles}, when Karaf's etc is known. */
    public static ProfileCatalog withOperatorProfiles(Optional<String> karafEtc) {
        return new ProfileCatalog(karafEtc.map(etc -> List.of(Path.of(etc, "profiles"))).orElse(List.of()));
    }

    /** @throws InvalidProfileException if no such profile exists or its file is invalid */
    public MeterProfile meter(String id) {
        return find("meter", id, Profiles::meter);
    }

    /** @throws InvalidProfileException if no such profile exists or its file is invalid */
    public RelayProfile relay(String id) {
        return find("relay", id, Profiles::relay);
    }

    public List<String> meterIds() {
        return ids("meter");
    }

    public List<String> relayIds() {
        return ids("relay");
    }

    private <T> T find(String kind, String id, BiFunction<String, String, T> parser) {
        Profiles.checkId(id);
        for (Path directory : directories) {
            Path file = directory.resolve(kind).resolve(id + ".json");
            if (Files.isRegularFile(file)) {
                return parsed(file.toString(), version(file), () -> parser.apply(read(file), file.toString()));
            }
        }
        String resource = SHIPPED + kind + "/" + id + ".json";
        // a shipped profile changes only with this bundle, whose update brings a new class and cache
        return parsed(resource, SHIPPED, () -> shipped(resource)
                .map(json -> parser.apply(json, resource))
                .orElseThrow(() -> new InvalidProfileException(id, "no " + kind + " profile of that id; known: "
                        + ids(kind))));
    }

    /** The profile read from {@code source} as it is now, parsed once for every device using it. */
    @SuppressWarnings("unchecked") // a source holds one kind of profile: its path names the kind
    private static <T> T parsed(String source, Object version, Supplier<T> parse) {
        Parsed known = PARSED.get(source);
        if (known != null && known.version().equals(version)) {
            return (T) known.profile();
        }
        T profile = parse.get();
        PARSED.put(source, new Parsed(version, profile));
        return profile;
    }

    /** An operator's file is read again once it was written to. */
    private static Object version(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private List<String> ids(String kind) {
        TreeSet<String> ids = new TreeSet<>();
        shipped(SHIPPED + kind + "/index").ifPresent(index -> Arrays.stream(index.split("\\s+"))
                .filter(id -> !id.isBlank())
                .forEach(ids::add));
        for (Path directory : directories) {
            Path folder = directory.resolve(kind);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(file -> file.getFileName().toString())
                            .filter(name -> name.endsWith(".json"))
                            .map(name -> name.substring(0, name.length() - ".json".length()))
                            .forEach(ids::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot list " + folder, e);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private static Optional<String> shipped(String resource) {
        try (InputStream in = ProfileCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
