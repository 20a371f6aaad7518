package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.testing.Tools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of a long run: its text (lab time, events/s, hosts up, leases bound) and when it
 * starts; a run longer than its first due time prints it on a terminal and nothing extra when stderr
 * is a pipe.
 */
class ProgressLineTest {
    private static final String DHCP_LAB = """
            name: progress
            nodes:
              pc1: { kind: pc, ip: dhcp }
              pc2: { kind: pc, ip: dhcp }
              srv:
                kind: server
                ip: 10.0.0.1/24
                services: { dhcp: { pool: 10.0.0.100-10.0.0.199 } }
              sw1: { kind: switch, ports: 4 }
            links:
              - [pc1:eth0, sw1:p1]
              - [pc2:eth0, sw1:p2]
              - [srv:eth0, sw1:p3]
            """;
    /** A run that keeps the simulator busy far longer than 2 s of wall time, until --timeout stops it. */
    private static final String TICKS = "lab.every(1.us) { }\n";

    @TempDir Path dir;

    @Test void line_countsHostsUpAndLeasesBound_andEventsPerSecondSinceTheLastLine() throws Exception {
        Path file = Files.writeString(dir.resolve("progress.yaml"), DHCP_LAB);
        try (Lab lab = LabSource.start(LabYamlReader.read(file), dir.resolve("out"))) {
            ProgressLine p = new ProgressLine(lab, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(p.line(ProgressLine.FIRST_AFTER_NANOS - 1)).as("not before 2 s").isNull();
            assertThat(p.line(ProgressLine.FIRST_AFTER_NANOS)).isEqualTo("lab time 0 ns, 0 events/s, 1/3 hosts up, 0/2 leases bound");
            lab.run(30_000_000_000L);
            long events = lab.simulator().eventsExecuted();
            assertThat(events).isPositive();
            assertThat(p.line(ProgressLine.FIRST_AFTER_NANOS + 1_000_000_000L))
                    .isEqualTo("lab time 30.000 s, " + rate(events) + " events/s, 3/3 hosts up, 2/2 leases bound");
        }
    }

    @Test void whetherStderrIsATerminal_isTheLaunchersAnswerWhenItGaveOne() {
        String before = System.getProperty("wirelab.stderr.tty");
        try {
            System.setProperty("wirelab.stderr.tty", "true");
            assertThat(ProgressLine.stderrIsTerminal()).isTrue();
            System.setProperty("wirelab.stderr.tty", "false");
            assertThat(ProgressLine.stderrIsTerminal()).isFalse();
        } finally {
            if (before == null) System.clearProperty("wirelab.stderr.tty");
            else System.setProperty("wirelab.stderr.tty", before);
        }
    }

    @Test void aLongRun_printsNothingExtra_whenStderrIsAPipe() throws Exception {
        Path ticks = Files.writeString(dir.resolve("ticks.groovy"), TICKS);
        Process p = new ProcessBuilder(ConsoleSession.javaCommand("run", "ping-basics", "--out", dir.resolve("out").toString(),
                "--script", ticks.toString(), "--for", "1000h", "--timeout", "3s"))
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Main.STOPPED);
        assertThat(Files.readString(dir.resolve("stderr")))
                .startsWith("wirelab: lab ping-basics timed out after 3 s of wall-clock time (--timeout) at lab time ")
                .doesNotContain("\r").doesNotContain("events/s").hasLineCount(1);
    }

    @Test void aLongRun_drawsTheLineOnATerminal_andErasesIt() throws Exception {
        Path script = Tools.find("script").orElse(null);
        if (script == null) {
            Tools.unavailable("script (util-linux) is not installed");
            return;
        }
        Path ticks = Files.writeString(dir.resolve("ticks.groovy"), TICKS);
        List<String> java = ConsoleSession.javaCommand("run", "ping-basics", "--out", dir.resolve("out").toString(),
                "--script", ticks.toString(), "--for", "1000h", "--timeout", "4s");
        List<String> quoted = new ArrayList<>();
        for (String a : java) quoted.add("'" + a.replace("'", "'\\''") + "'");
        // script(1) gives the run a pseudo-terminal as stdin, stdout and stderr, and copies what it printed to its stdout
        Process p = new ProcessBuilder(script.toString(), "-qec", String.join(" ", quoted) + " >/dev/null", "/dev/null")
                .redirectOutput(dir.resolve("tty").toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String tty = Files.readString(dir.resolve("tty"));
        assertThat(tty).containsPattern("\rlab time [0-9.]+ (ns|us|ms|s), [0-9.]+ ?[kM]? events/s, 2/2 hosts up\033\\[K")
                .contains("\r\033[K")
                .contains("wirelab: lab ping-basics timed out after 4 s");
    }

    private static String rate(long eventsInOneSecond) {
        if (eventsInOneSecond >= 1_000_000) return String.format("%.2f M", eventsInOneSecond / 1e6);
        if (eventsInOneSecond >= 1_000) return String.format("%.1f k", eventsInOneSecond / 1e3);
        return Long.toString(eventsInOneSecond);
    }
}
