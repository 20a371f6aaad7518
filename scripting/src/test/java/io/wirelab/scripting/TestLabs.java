package io.wirelab.scripting;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two PCs on one switch, written to a temp dir, with the script appended; runs it through ScriptRunner. */
final class TestLabs {
    /** Lines 1-10; an inline script block starts on line 12 (after "script: |" on line 11). */
    static final String TWO_PCS = """
            name: two-pcs
            seed: 7
            nodes:
              pc1: { kind: pc, ip: 10.0.0.1/24 }
              pc2: { kind: pc, ip: 10.0.0.2/24 }
              sw1: { kind: switch, ports: 4 }
            links:
              - [pc1:eth0, sw1:p1, { bandwidth: 100Mbps, delay: 1ms }]
              - [pc2:eth0, sw1:p2, { bandwidth: 100Mbps, delay: 1ms }]
            captures: [pc1:eth0]
            """;

    record Outcome(int exitCode, String out, String err) {}

    private TestLabs() {}

    /** The two-PC lab with script as an inline block; the script's line 1 is the YAML's line 12. */
    static Path inlineLab(Path dir, String script) throws Exception {
        return withScript(dir.resolve("two-pcs.yaml"), TWO_PCS + "script: |\n", script);
    }

    /** Writes labYaml (ending in "script: |") followed by script, indented as the block's body. */
    static Path withScript(Path yaml, String labYaml, String script) throws Exception {
        String indented = script.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
        Files.writeString(yaml, labYaml + indented);
        return yaml;
    }

    static Path fileLab(Path dir, String script) throws Exception {
        Files.writeString(dir.resolve("two-pcs.groovy"), script.stripIndent());
        Path yaml = dir.resolve("two-pcs.yaml");
        Files.writeString(yaml, TWO_PCS + "script: two-pcs.groovy\n");
        return yaml;
    }

    static Outcome run(Path yaml, Path outDir) throws Exception {
        LabSpec spec = LabYamlReader.read(yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Lab lab = LabBuilder.build(spec, LabBuilder.Options.to(outDir));
        try {
            int rc = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(lab, ScriptSource.of(spec.script()));
            return new Outcome(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            lab.close();
        }
    }
}
