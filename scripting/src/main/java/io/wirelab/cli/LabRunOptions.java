package io.wirelab.cli;

import io.wirelab.labs.model.LabSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options every command that starts a lab shares: where captures go and the seed. */
final class LabRunOptions {
    Path out;

    Long seed;

    /** Adds --out and --seed to spec, bound to this object's fields (CodedSpec). */
    void addTo(CommandSpec spec) {
        spec.addOption(CodedSpec.bound(OptionSpec.builder("--out").paramLabel("DIR").type(Path.class)
                .description("directory for capture files (default: out/<lab>/)"), () -> out, v -> out = (Path) v).build());
        spec.addOption(CodedSpec.bound(OptionSpec.builder("--seed").paramLabel("N").type(Long.class)
                .description("seed for every random choice (default: the lab's)"), () -> seed, v -> seed = (Long) v).build());
    }

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
