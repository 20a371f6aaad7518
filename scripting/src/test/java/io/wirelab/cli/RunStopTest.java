package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tshark;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded runs: --timeout and Ctrl-C stop a script that never ends (after it made traffic) with exit 3,
 * the script line and the lab time, and the captures written so far stay valid pcapng.
 */
public class RunStopTest {
    /** Script line 1 is file line 11; the endless loop is on file line 13 (also DaemonEndToEndTest's). */
    public static final String LAB = """
            name: endless
            seed: 3
            nodes:
              pc1: { kind: pc, ip: 10.0.0.1/24 }
              pc2: { kind: pc, ip: 10.0.0.2/24 }
              sw1: { kind: switch, ports: 4 }
            links:
              - [pc1:eth0, sw1:p1]
              - [pc2:eth0, sw1:p2]
            captures: [pc1:eth0]
            script: |
              pc1.ping('pc2', count: 3, quiet: true)
              println 'looping'
              while (true) { }
            """;

    @TempDir Path dir;

    @Test void timeout_stopsAnEndlessLoop_withLineAndLabTime_andKeepsTheCaptureValid() throws Exception {
        Path lab = Files.writeString(dir.resolve("endless.yaml"), LAB);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("run", lab.toString(), "--out", out.toString(), "--timeout", "1s");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.STOPPED);
        assertThat(r.err()).contains(lab + ":14: timed out after 1 s of wall-clock time (--timeout) at lab time ");
        assertCaptureValid(out);
    }

    @Test void timeout_alsoBoundsTheRunAfterTheScript() throws Exception {
        // the script ends at once; a tick every millisecond then keeps --for 1000h busy far longer than 1 s
        Path ticks = Files.writeString(dir.resolve("ticks.groovy"), "lab.every(1.ms) { }\n");
        CliRun r = CliRun.of("run", "ping-basics", "--out", dir.resolve("out").toString(), "--for", "1000h",
                "--script", ticks.toString(), "--timeout", "1s");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.STOPPED);
        assertThat(r.err()).containsPattern("wirelab: lab ping-basics timed out after 1 s of wall-clock time \\(--timeout\\) at lab time \\d");
    }

    @Test void timeout_alsoStopsAnEndlessLoopInATask() throws Exception {
        Path loop = Files.writeString(dir.resolve("task.groovy"), "lab.spawn { while (true) { } }\nlab.run(1.s)\n");
        CliRun r = CliRun.of("run", "ping-basics", "--out", dir.resolve("out").toString(), "--script", loop.toString(), "--timeout", "1s");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.STOPPED);
        // the line named is the one the run was stuck in: the task's loop
        assertThat(r.err()).contains(loop + ":1: timed out after 1 s of wall-clock time (--timeout) at lab time 0 s");
    }

    @Test void badTimeout_isAUsageError() {
        CliRun r = CliRun.of("run", "ping-basics", "--timeout", "soon");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).startsWith("wirelab: --timeout: ");
    }

    @Test void ctrlC_stopsTheRun_withLineAndLabTime_exit3_andAValidCapture() throws Exception {
        Path lab = Files.writeString(dir.resolve("endless.yaml"), LAB);
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(ConsoleSession.javaCommand("run", lab.toString(), "--out", out.toString()))
                .redirectErrorStream(true).start();
        StringBuilder printed = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                printed.append(line).append('\n');
                if (line.equals("looping")) new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed.toString()).isEqualTo(Main.STOPPED);
        assertThat(printed.toString()).contains(lab + ":14: interrupted (Ctrl-C) at lab time ");
        assertCaptureValid(out);
    }

    private static void assertCaptureValid(Path out) {
        Path capture = out.resolve("pc1-eth0.pcapng");
        assertThat(capture).exists();
        assertThat(Tshark.frames(capture)).isEqualTo(8);   // ARP request and reply, three echo requests and replies
        assertThat(Tshark.malformed(capture)).isZero();
        assertThat(Tshark.run(capture, "-T", "fields", "-e", "frame.protocols")).isNotEmpty();
        assertThat(List.of(capture.toFile().length())).allMatch(n -> n > 0);
    }
}
