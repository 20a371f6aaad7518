package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled-script cache seen from the CLI: a second run of a lab takes its script from the cache
 * (the entry is not written again) and writes byte-identical captures and text; a changed script, or
 * the same script with --trust, is a new entry; a script the sandbox refuses is never stored.
 */
class ScriptCacheTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir Path dir;
    private Path cache;
    private String before;

    @BeforeEach void ownCache() {
        before = System.getProperty("wirelab.script.cache");
        cache = dir.resolve("cache");
        System.setProperty("wirelab.script.cache", cache.toString());
    }

    @AfterEach void restore() {
        if (before == null) System.clearProperty("wirelab.script.cache");
        else System.setProperty("wirelab.script.cache", before);
    }

    @Test void aSecondRun_takesTheScriptFromTheCache_andWritesIdenticalCaptures() throws IOException {
        CliRun first = CliRun.of("run", "ping-basics", "--out", dir.resolve("run1").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<Path> entries = entries();
        assertThat(entries).hasSize(1);
        Files.setLastModifiedTime(entries.getFirst(), LONG_AGO);

        CliRun second = CliRun.of("run", "ping-basics", "--out", dir.resolve("run2").toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(entries()).containsExactlyElementsOf(entries);
        assertThat(Files.getLastModifiedTime(entries.getFirst())).as("a hit does not store again").isEqualTo(LONG_AGO);
        assertThat(second.out().replace("run2", "run1")).isEqualTo(first.out());
        for (String capture : List.of("pc1-eth0.pcapng", "pc2-eth0.pcapng"))
            assertThat(Files.readAllBytes(dir.resolve("run2").resolve(capture))).as(capture)
                    .isEqualTo(Files.readAllBytes(dir.resolve("run1").resolve(capture)));
    }

    @Test void theBuildsEntries_serveAFirstRun_andAreNeverWritten() throws IOException {
        CliRun filling = CliRun.of("run", "ping-basics", "--out", dir.resolve("run1").toString());
        assertThat(filling.exitCode()).as(filling.err()).isZero();
        Path shipped = Files.move(cache, dir.resolve("shipped"));
        List<Path> shippedEntries;
        try (Stream<Path> s = Files.list(shipped)) { shippedEntries = s.sorted().toList(); }
        Files.setLastModifiedTime(shippedEntries.getFirst(), LONG_AGO);
        System.setProperty("wirelab.script.cache.builtin", shipped.toString());
        try {
            CliRun first = CliRun.of("run", "ping-basics", "--out", dir.resolve("run2").toString());
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(entries()).as("served from the build's entries, nothing compiled and stored").isEmpty();
            assertThat(Files.getLastModifiedTime(shippedEntries.getFirst())).isEqualTo(LONG_AGO);
            assertThat(Files.readAllBytes(dir.resolve("run2").resolve("pc1-eth0.pcapng")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("run1").resolve("pc1-eth0.pcapng")));

            Path script = Files.writeString(dir.resolve("ping.groovy"), "assert pc1.ping('10.0.0.2', count: 1, quiet: true).received == 1\n");
            assertThat(run(script).exitCode()).isZero();
            assertThat(entries()).as("a script the build never saw is stored in the user's cache").hasSize(1);
            try (Stream<Path> s = Files.list(shipped)) { assertThat(s.sorted().toList()).isEqualTo(shippedEntries); }
        } finally {
            System.clearProperty("wirelab.script.cache.builtin");
        }
    }

    @Test void aChangedScript_orTrust_missesAndIsStoredAsItsOwnEntry() throws IOException {
        Path script = Files.writeString(dir.resolve("ping.groovy"), "assert pc1.ping('10.0.0.2', count: 1, quiet: true).received == 1\n");
        assertThat(run(script).exitCode()).isZero();
        assertThat(entries()).hasSize(1);
        assertThat(run(script).exitCode()).isZero();
        assertThat(entries()).hasSize(1);

        Files.writeString(script, "assert pc1.ping('10.0.0.2', count: 2, quiet: true).received == 2\n");
        assertThat(run(script).exitCode()).isZero();
        assertThat(entries()).hasSize(2);

        CliRun trusted = CliRun.of("run", "ping-basics", "--out", dir.resolve("out").toString(), "--script", script.toString(), "--trust");
        assertThat(trusted.exitCode()).as(trusted.err()).isZero();
        assertThat(entries()).hasSize(3);
    }

    @Test void aScriptTheSandboxRefuses_isNeverStored() throws IOException {
        Path script = Files.writeString(dir.resolve("escape.groovy"), "println new File('/etc/hostname').text\n");
        CliRun r = run(script);
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("escape.groovy:1:");
        assertThat(entries()).isEmpty();
        assertThat(run(script).exitCode()).as("refused again, not served from the cache").isEqualTo(Main.USAGE);
    }

    @Test void aScriptThatDoesNotCompile_isNeverStored() throws IOException {
        Path script = Files.writeString(dir.resolve("broken.groovy"), "pc1.ping('10.0.0.2'\n");
        assertThat(run(script).exitCode()).isEqualTo(Main.USAGE);
        assertThat(entries()).isEmpty();
    }

    @Test void validate_remembersAPassedCheck_butNotForALabWhoseDevicesDiffer() throws IOException {
        String script = "web1.webServer.handle('/z') { req, res -> res.status = 204 }\n";
        Path good = lab("good.yaml", "web1: { kind: server, ip: 10.0.0.80/24, services: { web: } }", script);
        CliRun first = CliRun.of("validate", good.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<Path> checked = entries();
        assertThat(checked).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).endsWith(".checked"));
        Files.setLastModifiedTime(checked.getFirst(), LONG_AGO);

        assertThat(CliRun.of("validate", good.toString()).exitCode()).isZero();
        assertThat(Files.getLastModifiedTime(checked.getFirst())).as("a hit is not checked and stored again").isEqualTo(LONG_AGO);

        CliRun noWeb = CliRun.of("validate", lab("noweb.yaml", "web1: { kind: server, ip: 10.0.0.80/24 }", script).toString());
        assertThat(noWeb.exitCode()).isEqualTo(Main.USAGE);
        assertThat(noWeb.err()).contains("noweb.yaml:6:3: a handler on web1, which runs no web server");
        CliRun renamed = CliRun.of("validate", lab("renamed.yaml", "web2: { kind: server, ip: 10.0.0.80/24, services: { web: } }", script).toString());
        assertThat(renamed.exitCode()).isEqualTo(Main.USAGE);
        assertThat(renamed.err()).contains("'web1', which is no device of this lab");
        assertThat(entries()).hasSize(1);
    }

    private Path lab(String file, String server, String script) throws IOException {
        return Files.writeString(dir.resolve(file), "nodes:\n  pc1: { kind: pc, ip: 10.0.0.10/24 }\n  " + server
                + "\nlinks: [[pc1, " + server.substring(0, 4) + "]]\nscript: |\n  " + script);
    }

    private CliRun run(Path script) {
        return CliRun.of("run", "ping-basics", "--out", dir.resolve("out").toString(), "--script", script.toString());
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> s = Files.list(cache)) {
            return s.sorted().toList();
        }
    }
}
