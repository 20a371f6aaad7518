package io.wirelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden captures, compared as the text `wirelab show` prints, so a reviewer reads the diff.
 * Regenerate with -Dgolden.update=true — never just to make a test pass: read the text diff first.
 */
class GoldenCapturesTest {
    @TempDir Path dir;

    @Test void pingBasics() throws Exception {
        assertGolden("ping-basics", "pc1-eth0.pcapng", writeLab(null, "ping-basics"));
    }

    /** A 20 kB transfer on a clean 10 Mbit/s path: handshake, IW10, delayed ACKs, FIN exchange. */
    @Test void tcpSmallTransfer() throws Exception {
        Path lab = Files.writeString(dir.resolve("tcp-small.yaml"), """
                name: tcp-small
                seed: 5
                defaults:
                  link: { bandwidth: 10Mbps, delay: 5ms }
                nodes:
                  a: { kind: pc, ip: 10.0.0.1/24 }
                  b: { kind: server, ip: 10.0.0.2/24 }
                links:
                  - [a:eth0, b:eth0]
                captures: [a:eth0]
                script: |
                  b.tcpSink(9000)
                  assert a.tcpSend('10.0.0.2', 9000, 20.KB).bytes == 20000
                """);
        assertGolden("tcp-small", "a-eth0.pcapng", writeLab(lab, null));
    }

    private Path writeLab(Path file, String builtin) {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", file != null ? file.toString() : builtin, "--out", out.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return out;
    }

    private static void assertGolden(String name, String capture, Path out) throws Exception {
        CliRun show = CliRun.of("show", out.resolve(capture).toString());
        assertThat(show.exitCode()).isZero();
        Path golden = Path.of(System.getenv().getOrDefault("WIRELAB_REPO", "."), "scripting/src/test/resources/golden", name + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, show.out());
            return;
        }
        String expected = new String(GoldenCapturesTest.class.getResourceAsStream("/golden/" + name + ".txt").readAllBytes());
        assertThat(show.out()).as("capture of " + name + " differs from golden/" + name + ".txt").isEqualTo(expected);
    }
}
