package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/scale/flat-10k.yaml at 200 PCs: the same file with its groups shortened (acc1..acc4, pc1..pc200)
 * and its own script, run as `wirelab run` runs it. Every PC must hold a lease, resolve www and get
 * 200 OK over HTTPS; the full size is measured in docs/performance.md ("Scale"), not here.
 */
class ScaleExampleTest {
    static final Path EXAMPLES = Path.of("..", "examples", "scale");

    @TempDir Path dir;

    @Test void flat200_everyPcLeasedResolvedAndFetchedOverHttps() throws Exception {
        String full = Files.readString(EXAMPLES.resolve("flat-10k.yaml"));
        String small = full.replace("acc1..acc100", "acc1..acc4").replace("pc1..pc10000", "pc1..pc200")
                .replace("ports: 104", "ports: 8").replace("ports: 101", "ports: 51").replace("name: flat-10k", "name: flat-200");
        assertThat(small).as("the example's groups and ports as this test shortens them").isNotEqualTo(full)
                .contains("acc1..acc4", "pc1..pc200", "ports: 51");
        Path lab = dir.resolve("flat-200.yaml");
        Files.writeString(lab, small);
        Files.copy(EXAMPLES.resolve("scale.groovy"), dir.resolve("scale.groovy"));

        CliRun run = CliRun.of("run", lab.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(": 200 of 200 PCs hold a lease; dhcp1 has 200 bound")
                .contains(": 200 of 200 PCs resolved www, 200 got 200 OK over HTTPS");
    }
}
