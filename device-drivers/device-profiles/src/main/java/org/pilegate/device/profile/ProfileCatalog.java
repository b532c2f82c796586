package org.pilegate.device.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Finds profiles by id: first among the operator's files ({@code <dir>/meter/<id>.json},
 * {@code <dir>/relay/<id>.json}, e.g. under {@code etc/profiles}), then among those shipped in this bundle.
 * An operator file of the same id overrides the shipped one.
 */
public final class ProfileCatalog {

    private static final String SHIPPED = "profiles/";

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
                return parser.apply(read(file), file.toString());
            }
        }
        String resource = SHIPPED + kind + "/" + id + ".json";
        return shipped(resource)
                .map(json -> parser.apply(json, resource))
                .orElseThrow(() -> new InvalidProfileException(id, "no " + kind + " profile of that id; known: "
                        + ids(kind)));
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
