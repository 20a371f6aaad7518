package io.wirelab.cli;

import io.wirelab.labs.model.LabSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The options every command that starts a lab shares: where captures go and the seed. */
final class LabRunOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "directory for capture files (default: out/<lab>/)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed for every random choice (default: the lab's)")
    Long seed;

    LabSpec applySeed(LabSpec spec) { return seed != null ? spec.withSeed(seed) : spec; }

    Path outDir(LabSpec spec) { return out != null ? out : Path.of("out", spec.name()); }

    /** One line when dir already holds files: this run's files replace those of the same name. */
    void sayWhenReplacing(Path dir, PrintStream out) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            if (files.findAny().isPresent())
                out.println("replacing the files of an earlier run in " + dir + " (captures of the same name are overwritten)");
        } catch (IOException e) {
            out.println("replacing " + dir + " (" + e.getMessage() + ")");
        }
    }
}
