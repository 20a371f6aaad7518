package io.wirelab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The reference captures in shared/captures next to the repository (see its README). Found by
 * walking up from the repo root (WIRELAB_REPO, set by surefire; else the working directory) to a
 * directory that has shared/captures; WIRELAB_CAPTURES names the folder directly. Tests skip when
 * it is absent, or fail when WIRELAB_REQUIRE_TOOLS=1.
 */
public final class SharedCaptures {
    private SharedCaptures() {}

    public static Optional<Path> find() {
        String direct = System.getenv("WIRELAB_CAPTURES");
        if (direct != null && Files.isDirectory(Path.of(direct))) return Optional.of(Path.of(direct).toAbsolutePath());
        String repo = System.getenv("WIRELAB_REPO");
        Path start = Path.of(repo != null && !repo.isBlank() ? repo : System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("captures");
            if (Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The folder; skips the test (or fails under WIRELAB_REQUIRE_TOOLS=1) when it cannot be found. */
    public static Path dir() {
        Optional<Path> dir = find();
        if (dir.isPresent()) return dir.get();
        Tools.unavailable("shared/captures not found above " + System.getenv("WIRELAB_REPO") + " (set WIRELAB_CAPTURES)");
        throw new AssertionError("unreachable");
    }

    public static Path file(String name) {
        Path f = dir().resolve(name);
        if (!Files.isRegularFile(f)) Tools.unavailable(f + " is missing");
        return f;
    }

    /** Every .pcapng and .pcap file, sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
