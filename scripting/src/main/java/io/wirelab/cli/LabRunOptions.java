package io.wirelab.cli;

import io.wirelab.labs.model.LabSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that starts a lab shares: where captures go and the seed. */
final class LabRunOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "directory for capture files (default: out/<lab>/)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed for every random choice (default: the lab's)")
    Long seed;

    LabSpec applySeed(LabSpec spec) { return seed != null ? spec.withSeed(seed) : spec; }

    Path outDir(LabSpec spec) { return out != null ? out : Path.of("out", spec.name()); }
}
