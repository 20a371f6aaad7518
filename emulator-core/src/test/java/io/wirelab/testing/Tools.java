package io.wirelab.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * External tools for tests. require() skips the test when a tool is missing, unless the
 * environment sets WIRELAB_REQUIRE_TOOLS=1 (CI), where a missing tool fails the test.
 */
public final class Tools {
    public static final String REQUIRE_ENV = "WIRELAB_REQUIRE_TOOLS";

    private Tools() {}

    /** The executable named so on PATH, if any. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    public static boolean required() { return "1".equals(System.getenv(REQUIRE_ENV)); }

    /** The tool's path; skips the calling test when it is missing (fails when WIRELAB_REQUIRE_TOOLS=1). */
    public static Path require(String name) {
        Optional<Path> found = find(name);
        if (found.isPresent()) return found.get();
        unavailable("'" + name + "' is not on PATH (install it, e.g. apt-get install " + packageOf(name) + ")");
        throw new AssertionError("unreachable");
    }

    /** Skips, or fails under WIRELAB_REQUIRE_TOOLS=1, with the reason. */
    public static void unavailable(String reason) {
        if (required()) Assertions.fail(reason + "; " + REQUIRE_ENV + "=1 makes this a failure instead of a skip");
        Assumptions.abort(reason);
    }

    private static String packageOf(String tool) {
        return switch (tool) {
            case "tshark", "editcap", "capinfos", "mergecap", "text2pcap" -> "tshark";
            default -> tool;
        };
    }
}
