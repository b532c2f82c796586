package org.pilegate.tariff.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.pilegate.tariff.InvalidTariffException;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tariff folder: every {@code *.json} file in it is one OCPI tariff, except {@value #ASSIGNMENTS_FILE}. Each scan
 * reads the files again and takes up what changed. A file that does not validate is logged with its name, the JSON
 * path and the reason, and the last valid version of that file stays in force; a removed file withdraws its tariff.
 */
final class TariffFolder {

    static final String ASSIGNMENTS_FILE = "assignments.json";

    private static final Logger LOG = LoggerFactory.getLogger(TariffFolder.class);
    /** A tariff id that can name its own file. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,35}");

    /**
     * What was last read from one file.
     *
     * @param content the bytes, to notice a change
     * @param inForce the last valid version
     * @param problem why the current content is refused, if it is
     */
    private record FileState<T>(byte[] content, Optional<T> inForce, Optional<String> problem) {
    }

    private final Path folder;
    private final Map<Path, FileState<Tariff>> tariffFiles = new TreeMap<>();
    private Optional<FileState<Assignments>> assignmentsFile = Optional.empty();
    private boolean missingFolderReported;
    private volatile TariffCatalog catalog = TariffCatalog.EMPTY;

    TariffFolder(Path folder) {
        this.folder = folder;
    }

    TariffCatalog catalog() {
        return catalog;
    }

    /** Files whose current content is refused, with the reason; their last valid version stays in force. */
    synchronized Map<Path, String> problems() {
        Map<Path, String> problems = new TreeMap<>();
        tariffFiles.forEach((file, state) -> state.problem().ifPresent(problem -> problems.put(file, problem)));
        assignmentsFile.flatMap(FileState::problem)
                .ifPresent(problem -> problems.put(folder.resolve(ASSIGNMENTS_FILE), problem));
        return problems;
    }

    /**
     * Writes a tariff checked as the files are over the file that defines its id, else as {@code <id>.json}, and reads
     * the folder again. The new content replaces the file at once (written beside it, then moved over it).
     */
    synchronized Tariff save(String json) {
        Tariff tariff = TariffJson.read(json);
        Path file = tariffFiles.entrySet().stream()
                .filter(entry -> entry.getValue().inForce().filter(t -> t.id().equals(tariff.id())).isPresent())
                .map(Map.Entry::getKey).findFirst().orElseGet(() -> newFile(tariff.id()));
        try {
            Path written = Files.createTempFile(folder, ".tariff-", ".tmp");
            Files.writeString(written, json, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tariff " + tariff.id() + " to " + file, e);
        }
        LOG.info("Tariff {} saved to {}", tariff.id(), file);
        rescan();
        return tariff;
    }

    private Path newFile(String tariffId) {
        if (!FILE_NAME.matcher(tariffId).matches() || (tariffId + ".json").equals(ASSIGNMENTS_FILE)) {
            throw new InvalidTariffException("id", "'" + tariffId + "' cannot name a file in the tariff folder;"
                    + " use letters, digits, '.', '_' and '-'");
        }
        return folder.resolve(tariffId + ".json");
    }

    synchronized void rescan() {
        boolean changed;
        if (Files.isDirectory(folder)) {
            missingFolderReported = false;
            changed = rescanTariffs() | rescanAssignments();
        } else {
            if (!missingFolderReported) {
                LOG.warn("Tariff folder {} does not exist: no tariff is in force until it does", folder);
                missingFolderReported = true;
            }
            changed = !tariffFiles.isEmpty() || assignmentsFile.isPresent();
            tariffFiles.clear();
            assignmentsFile = Optional.empty();
        }
        if (changed) {
            catalog = newCatalog();
        }
    }

    private boolean rescanTariffs() {
        TreeSet<Path> present = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            files.forEach(file -> {
                if (Files.isRegularFile(file) && !file.getFileName().toString().equals(ASSIGNMENTS_FILE)) {
                    present.add(file);
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot list the tariff folder {}; the tariffs stay as they are: {}", folder, e.toString());
            return false;
        }
        boolean changed = tariffFiles.keySet().retainAll(present);
        for (Path file : present) {
            Optional<FileState<Tariff>> before = Optional.ofNullable(tariffFiles.get(file));
            FileState<Tariff> after = reread(file, before, TariffJson::read);
            tariffFiles.put(file, after);
            changed |= before.map(state -> state != after).orElse(true);
        }
        return changed;
    }

    private boolean rescanAssignments() {
        Path file = folder.resolve(ASSIGNMENTS_FILE);
        Optional<FileState<Assignments>> before = assignmentsFile;
        if (!Files.isRegularFile(file)) {
            assignmentsFile = Optional.empty();
            return before.isPresent();
        }
        FileState<Assignments> after = reread(file, before, Assignments::read);
        assignmentsFile = Optional.of(after);
        return before.map(state -> state != after).orElse(true);
    }

    /** The file's new state, or {@code before} itself when its content did not change or cannot be read. */
    private static <T> FileState<T> reread(Path file, Optional<FileState<T>> before, Function<String, T> parse) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.warn("Cannot read tariff file {}; what it held stays in force: {}", file, e.toString());
            return before.orElseGet(() -> new FileState<>(new byte[0], Optional.empty(), Optional.of(e.toString())));
        }
        if (before.filter(state -> Arrays.equals(state.content(), content)).isPresent()) {
            return before.get();
        }
        Optional<T> inForce = before.flatMap(FileState::inForce);
        try {
            T value = parse.apply(new String(content, StandardCharsets.UTF_8));
            LOG.info("Tariff file {} {}", file, inForce.isPresent() ? "reloaded" : "loaded");
            return new FileState<>(content, Optional.of(value), Optional.empty());
        } catch (InvalidTariffException e) {
            LOG.warn("Tariff file {} rejected: {}; {}", file, e.getMessage(),
                    inForce.isPresent() ? "its previous version stays in force" : "nothing of it is in force");
            return new FileState<>(content, inForce, Optional.of(e.getMessage()));
        }
    }

    private TariffCatalog newCatalog() {
        Map<String, Tariff> tariffs = new HashMap<>();
        Map<String, Path> sources = new HashMap<>();
        tariffFiles.forEach((file, state) -> state.inForce().ifPresent(tariff -> {
            Path first = sources.putIfAbsent(tariff.id(), file);
            if (first == null) {
                tariffs.put(tariff.id(), tariff);
            } else {
                LOG.warn("Tariff file {} defines tariff {} again, which {} already defines; it is ignored", file,
                        tariff.id(), first);
            }
        }));
        Assignments assignments = assignmentsFile.flatMap(FileState::inForce).orElse(Assignments.NONE);
        if (assignmentsFile.isEmpty()) {
            LOG.warn("No {} in {}: no pile has a tariff", ASSIGNMENTS_FILE, folder);
        }
        assignments.tariffIds().stream()
                .filter(id -> !tariffs.containsKey(id))
                .forEach(id -> LOG.warn("{} names tariff {}, which no file in {} defines", ASSIGNMENTS_FILE, id,
                        folder));
        LOG.info("Tariffs in force: {}", new TreeSet<>(tariffs.keySet()));
        return new TariffCatalog(tariffs, assignments);
    }
}
