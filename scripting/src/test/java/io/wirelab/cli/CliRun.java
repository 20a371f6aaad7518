package io.wirelab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs Main in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    /** Runs a lab into dir/run1 and again into dir/run2 (for determinism checks); returns both runs. */
    static CliRun[] twice(String lab, java.nio.file.Path dir) {
        return new CliRun[] {of("run", lab, "--out", dir.resolve("run1").toString()), of("run", lab, "--out", dir.resolve("run2").toString())};
    }

    /** The files in a run's out dir whose names end with suffix ("" for all), sorted by name. */
    static java.util.List<java.nio.file.Path> files(java.nio.file.Path outDir, String suffix) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(outDir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
