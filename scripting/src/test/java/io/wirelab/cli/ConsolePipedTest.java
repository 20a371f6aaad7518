package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console with piped stdin: in-process with a fake stdin, and as a subprocess. */
class ConsolePipedTest {
    static final String SESSION = """
            pc1.ping('10.0.0.2', count: 3)
            :devices
            pc1.arp
            sw1.macTable
            :time
            :quit
            """;

    @TempDir Path dir;

    private String[] args() {
        return new String[] {"ping-basics", "--out", dir.resolve("out").toString(), "--history", dir.resolve("history").toString()};
    }

    @Test void ping_printsItsStatisticsAndATable() {
        CliRun r = ConsoleSession.inProcess(SESSION, args());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("pc1$ ping -c 3 10.0.0.2")
                .contains("3 packets transmitted, 3 received, 0% packet loss")
                .contains("rtt min/avg/max/mdev = ");
        assertThat(r.out()).containsPattern("REPLY\\s+RTT\\n1\\s+8\\.07 ms\\n2\\s+4\\.04 ms\\n")
                .containsPattern("DESTINATION\\s+SENT\\s+RECEIVED\\s+LOSS\\s+MIN\\s+AVG\\s+MAX\\s+MDEV\\n10\\.0\\.0\\.2\\s+3\\s+3\\s+0%");
        // :devices, ARP cache and MAC table as tables
        assertThat(r.out()).containsPattern("NAME\\s+KIND\\s+ADDRESS\\s+MAC\\s+PORTS\\npc1\\s+pc\\s+10\\.0\\.0\\.1/24\\s+02:00:00:00:01:00\\s+eth0")
                .containsPattern("sw1\\s+switch\\s+-\\s+-\\s+p1 p2 p3\\(-\\)");
        assertThat(r.out()).containsPattern("IFACE\\s+ADDRESS\\s+MAC\\s+STATE\\s+SINCE\\s+QUEUED\\neth0\\s+10\\.0\\.0\\.2\\s+02:00:00:00:02:00");
        assertThat(r.out()).containsPattern("MAC\\s+PORT\\s+AGE\\n02:00:00:00:01:00\\s+p1\\s+.*\\n02:00:00:00:02:00\\s+p2");
        assertThat(r.out()).containsPattern("lab time \\d+(\\.\\d+)? s \\(\\d+ events run, \\d+ pending\\)");
        assertThat(r.out()).contains("captures:").contains("pc1-eth0.pcapng");
    }

    @Test void linkCommand_takesALinkDownAndChangesItsSettings_andLinksShowsIt() {
        CliRun r = ConsoleSession.inProcess("""
                :link pc1:eth0 down
                pc1.ping('10.0.0.2', count: 1, quiet: true).received
                :link pc1:eth0 up
                :link pc1:eth0 loss 5% delay 20ms
                :links
                :link pc1:eth9 up
                """, args());
        assertThat(r.out()).contains("link pc1:eth0 <-> sw1:p1 down at").contains("==> 0").contains("link pc1:eth0 <-> sw1:p1 up at")
                .contains("link pc1:eth0 <-> sw1:p1 loss 5%, delay 20 ms at")
                .containsPattern("1\\s+pc1:eth0\\s+sw1:p1\\s+up\\s+\\S+ \\S+\\s+20 ms\\s+5%")
                .contains("no link has an end 'pc1:eth9'");
    }

    @Test void errors_showTheMessageAndTheInputLine_notAStackTrace_andTheSessionGoesOn() {
        CliRun r = ConsoleSession.inProcess("""
                pc1.ping('pc3')
                pc1.pnig('10.0.0.2')
                def x = 6
                x * 7
                if (x > 1) {
                  println "multi-line ok, x=$x"
                }
                assert x == 5
                lab.run(5)
                1 +* 2
                :foo
                """, args());
        assertThat(r.exitCode()).isEqualTo(1);
        String o = r.out();
        assertThat(o).contains("error: cannot ping 'pc3': not an IPv4 address and not a host of this lab; did you mean 'pc1'?\n  1 | pc1.ping('pc3')");
        assertThat(o).contains("error: a host has no method pnig(String); did you mean 'ping'?\n  1 | pc1.pnig('10.0.0.2')");
        assertThat(o).contains("==> 42").contains("multi-line ok, x=6");
        assertThat(o).contains("error: assertion failed\nassert x == 5");
        assertThat(o).contains("error: lab.run needs a unit, e.g. lab.run(5.s) or lab.run(5.ms)");
        assertThat(o).containsPattern("error: Unexpected input: .*\\n  1 \\| 1 \\+\\* 2\\n\\s+\\^");
        assertThat(o).contains("error: unknown command :foo");
        assertThat(o).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test void variablesAndMethods_outliveTheirInput_withoutRewritingIt() {
        CliRun r = ConsoleSession.inProcess("""
                def x = 1
                x + 1
                int y = 2
                y
                def f(a) { a * 2 }
                f(3)
                def g() { f(x) + pc1.ip.size() }
                g()
                if (true) { def inner = 5 }
                inner
                :reset
                f(x)
                """, args());
        assertThat(r.out()).startsWith("""
                ==> 1
                ==> 2
                ==> 2
                ==> 2
                ==> 6
                ==> 10
                ==> 5
                error: unknown name 'inner' (devices: pc1, pc2, sw1)
                  1 | inner
                lab ping-basics rebuilt, lab time 0 s; the earlier lab's captures are kept as pc1-eth0.reset-1.pcapng, pc2-eth0.reset-1.pcapng
                ==> 2
                """);
    }

    @Test void commands_runTimeCaptureLoadReset() throws Exception {
        Path script = dir.resolve("extra.groovy");
        Files.writeString(script, "def r = pc2.ping('10.0.0.1', count: 2, quiet: true)\nprintln \"loaded: ${r.received}\"\nassert r.received == 3\n");
        CliRun r = ConsoleSession.inProcess(":run 2.s\n:time\n:capture start pc2:eth0\n:capture\n:load " + script
                + "\n:capture stop pc2\n:links\n:reset\n:time\n:help\n:quit\n", args());
        String o = r.out();
        assertThat(o).contains("lab time 2 s\n");
        // the lab file captures pc2:eth0 into pc2-eth0.pcapng: :capture writes a file of its own
        assertThat(o).contains("capturing pc2:eth0 to " + dir.resolve("out").resolve("pc2-eth0-2.pcapng"));
        assertThat(o).containsPattern("PORT\\s+FRAMES\\s+FILE\\s+STARTED BY");
        assertThat(o).contains("loaded: 2").contains("error: assertion failed").contains("  " + script + ":3 | assert r.received == 3");
        assertThat(o).containsPattern("wrote [1-9]\\d* frames to .*pc2-eth0-2.pcapng");
        assertThat(o).containsPattern("#\\s+A\\s+B\\s+STATE\\s+BANDWIDTH\\s+DELAY\\s+LOSS\\n1\\s+pc1:eth0\\s+sw1:p1\\s+up\\s+100 Mbit/s\\s+1 ms\\s+0%");
        assertThat(o).contains("lab ping-basics rebuilt, lab time 0 s").contains("lab time 0 s (0 events run");
        assertThat(o).contains(":capture").contains(":quit");
        assertThat(Files.size(dir.resolve("out").resolve("pc2-eth0-2.pcapng"))).isGreaterThan(100);
    }

    @Test void paceOption_setsThePace_andABadOneIsAUsageError() {
        CliRun r = ConsoleSession.inProcess(":pace\n:run 100.ms\n:pace fast\n:quit\n", "ping-basics", "--pace", "0.1x", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("pace 0.1x: one lab second takes 10 s of wall-clock time").contains("lab time 100 ms").contains("pace fast: ");
        CliRun bad = ConsoleSession.inProcess(":quit\n", "ping-basics", "--pace", "slow", "--out", dir.resolve("bad").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("wirelab: --pace: 'slow' is not a pace: use realtime, a rate such as 0.1x or 2x, or fast\n");
    }

    @Test void unfinishedInputAtTheEnd_isAnError() {
        CliRun r = ConsoleSession.inProcess("pc1.ping('10.0.0.2',\n", args());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("error: the input ended inside an unfinished statement");
    }

    /** The same session in a new JVM through a real pipe prints the same thing; SIGINT stops a long run. */
    @Test @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void subprocess_samePipedSession_sameOutput_andSigintInterrupts() throws Exception {
        CliRun inProcess = ConsoleSession.inProcess(SESSION, args());
        String[] ownOut = args();
        ownOut[2] = dir.resolve("out2").toString();   // a fresh out directory, so that it prints no "replacing" line
        Process p = new ProcessBuilder(ConsoleSession.javaCommand(
                Stream.concat(Stream.of("console"), Arrays.stream(ownOut)).toArray(String[]::new))).redirectErrorStream(true).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(SESSION.replace(":quit\n", "").getBytes(StandardCharsets.UTF_8));
            stdin.write((ConsoleSession.MARKED_LONG_RUN + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String before = readThrough(out, ConsoleSession.LONG_RUN_STARTED::equals);
            // the marker is printed by the input that runs: from now on SIGINT stops it
            new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start().waitFor();   // the shell's kill: procps may be absent
            String interrupted = readThrough(out, l -> l.startsWith("interrupted at lab time"));
            assertThat(interrupted).as("output after SIGINT").containsPattern("interrupted at lab time \\d");
            stdin.write(":time\n:quit\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            String after = readThrough(out, l -> false);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(before).isEqualTo(inProcess.out().substring(0, inProcess.out().indexOf("captures:")) + ConsoleSession.LONG_RUN_STARTED + "\n");
            assertThat(after).containsPattern("lab time [\\d.]+ (s|ms|min|h) \\(\\d+ events run, [1-9]\\d* pending\\)");
        } finally {
            p.destroyForcibly();
        }
    }

    /** The lines read up to and including the first that matches last, or up to the end of the output. */
    private static String readThrough(BufferedReader in, Predicate<String> last) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            text.append(l).append('\n');
            if (last.test(l)) break;
        }
        return text.toString();
    }
}
