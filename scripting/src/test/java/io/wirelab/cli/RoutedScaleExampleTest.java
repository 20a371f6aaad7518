package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/scale/routed-100k.yaml with one PC per access subnet: the same 21 routers, 400 relaying
 * interfaces and 400 pools, 400 PCs. Every PC must get its lease through its subnet's relay, resolve www
 * and get 200 OK over HTTPS through two routers; the full size is measured in docs/performance.md ("Routed").
 */
class RoutedScaleExampleTest {
    static final Path EXAMPLES = Path.of("..", "examples", "scale");

    @TempDir Path dir;

    @Test void routed400_everyPcLeasedThroughItsRelay_resolvedAndFetchedOverHttps() throws Exception {
        String full = Files.readString(EXAMPLES.resolve("routed-100k.yaml"));
        String small = full.replace("pc1..pc100000", "pc1..pc400").replace("ports: 251", "ports: 2")
                .replace("name: routed-100k", "name: routed-400");
        assertThat(small).as("the example's groups and ports as this test shortens them").isNotEqualTo(full)
                .contains("pc1..pc400", "sw1..sw400: { kind: switch, ports: 2 }");
        Path lab = dir.resolve("routed-400.yaml");
        Files.writeString(lab, small);
        Files.copy(EXAMPLES.resolve("scale.groovy"), dir.resolve("scale.groovy"));

        CliRun run = CliRun.of("run", lab.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(": 400 of 400 PCs hold a lease; dhcp1 has 400 bound")
                .contains(": 400 of 400 PCs resolved www, 400 got 200 OK over HTTPS");
    }
}
