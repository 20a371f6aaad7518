package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale examples shortened, run as `wirelab run` runs them with their own script: flat-10k.yaml at
 * 200 PCs (acc1..acc4, pc1..pc200), and routed-100k.yaml with one PC per access subnet (the same 21
 * routers, 400 relaying interfaces and 400 pools, 400 PCs). Every PC must hold a lease (through its
 * subnet's relay in the routed lab), resolve www and get 200 OK over HTTPS; the full sizes are measured
 * in docs/performance.md ("Scale", "Routed"), not here.
 */
class ScaleExampleTest {
    static final Path EXAMPLES = Path.of("..", "examples", "scale");

    @TempDir Path dir;

    @Test void flat200_everyPcLeasedResolvedAndFetchedOverHttps() throws Exception {
        assertEveryPcServed("flat-10k", 200, orderedMap(
                "acc1..acc100", "acc1..acc4", "pc1..pc10000", "pc1..pc200", "ports: 104", "ports: 8",
                "ports: 101", "ports: 51", "name: flat-10k", "name: flat-200"));
    }

    @Test void routed400_everyPcLeasedThroughItsRelay_resolvedAndFetchedOverHttps() throws Exception {
        assertEveryPcServed("routed-100k", 400, orderedMap(
                "pc1..pc100000", "pc1..pc400", "ports: 251", "ports: 2", "name: routed-100k", "name: routed-400"));
    }

    /** Runs the example with each text replaced in turn, and checks that every one of its n PCs was served. */
    private void assertEveryPcServed(String example, int n, Map<String, String> shortening) throws IOException {
        String full = Files.readString(EXAMPLES.resolve(example + ".yaml"));
        String small = full;
        for (Map.Entry<String, String> r : shortening.entrySet()) {
            assertThat(small).as("the example still holds what this test shortens").contains(r.getKey());
            small = small.replace(r.getKey(), r.getValue());
        }
        Path lab = Files.writeString(dir.resolve(example + "-" + n + ".yaml"), small);
        Files.copy(EXAMPLES.resolve("scale.groovy"), dir.resolve("scale.groovy"));

        CliRun run = CliRun.of("run", lab.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(": " + n + " of " + n + " PCs hold a lease; dhcp1 has " + n + " bound")
                .contains(": " + n + " of " + n + " PCs resolved www, " + n + " got 200 OK over HTTPS");
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }
}
