package io.wirelab.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tshark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.wirelab.cli.RunStopTest;
import io.wirelab.cli.SharedJvmTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon, started by the client from this build's classes in a temporary runtime directory:
 * what a command prints, its exit status and its captures are those of the same command in a JVM of its
 * own; nothing of a run stays reachable after it; a busy daemon, a stale socket or a directory that is
 * not the user's alone sends the command back to the launcher (exit 75, nothing written); Ctrl-C stops
 * the run as in-process; the daemon ends by itself after its idle timeout.
 */
class DaemonEndToEndTest {
    static final String ENDLESS = RunStopTest.LAB;

    @TempDir Path dir;

    @Test void commandsThroughTheDaemon_printExitAndCaptureExactlyAsInProcess() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path viaDaemon = dir.resolve("a"), inProcess = dir.resolve("b");
            List<List<String>> commands = List.of(
                    List.of("run", "ping-basics", "--out", "ping"),
                    List.of("run", "ping-basics", "--out", "ping"),   // warm, and replacing the first run's files
                    List.of("run", "http-basics", "--out", "http"),
                    List.of("validate", "dhcp-dns"),
                    List.of("labs"),
                    List.of("run", "no-such-lab"),
                    List.of("run", "ping-basics", "--for", "soon"));
            for (List<String> c : commands) {
                String[] args = c.toArray(String[]::new);
                DaemonFixture.Result expected = f.inProcess(inProcess, args), got = f.client(viaDaemon, args);
                if (c == commands.getFirst())   // the command that starts the daemon says so first, as Gradle's does
                    expected = new DaemonFixture.Result(expected.exit(), expected.out(), Client.STARTING + "\n" + expected.err());
                assertThat(got).as("wirelab " + c).isEqualTo(expected);
            }
            assertThat(f.keys()).hasSize(1);
            assertThat(Files.getPosixFilePermissions(f.runtime)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String run : List.of("ping", "http")) {
                List<Path> captures = files(inProcess.resolve(run));
                assertThat(captures).isNotEmpty();
                for (Path p : captures)
                    assertThat(viaDaemon.resolve(run).resolve(p.getFileName())).as(p.toString()).hasSameBinaryContentAs(p);
                assertThat(files(viaDaemon.resolve(run))).hasSameSizeAs(captures);
            }
        }
    }

    /** Runs a command cannot share get a JVM of their own: the daemon answers "not here" before anything is written. */
    @Test void aBridgedLab_goesBackToTheLauncher_withNothingWritten() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path cwd = dir.resolve("a");
            assertThat(f.client(cwd, "labs").exit()).isZero();
            Files.writeString(cwd.resolve("bridged.yaml"), SharedJvmTest.BRIDGED_LAB);
            assertThat(f.client(cwd, "run", "bridged.yaml")).isEqualTo(new DaemonFixture.Result(Client.FALLBACK, "", ""));
            assertThat(f.client(cwd, "run", "ping-basics", "--trust")).isEqualTo(new DaemonFixture.Result(Client.FALLBACK, "", ""));
        }
    }

    /** 200 runs of ping-basics in one daemon: afterwards no lab is reachable and the live heap is what it was after 20. */
    @Test void twoHundredRuns_leaveNothingOfTheirLabs_andTheHeapFlat() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path cwd = dir.resolve("a");
            assertThat(f.client(cwd, "run", "ping-basics", "--out", "ping").exit()).isZero();
            DaemonKey key = f.keys().getFirst();
            long after20 = 0;
            for (int i = 2; i <= 200; i++) {
                try (DaemonFixture.Connection c = f.connect(key)) {
                    assertThat(c.request("run", "ping-basics", "--out", "ping").type()).isEqualTo(Frames.RUNNING);
                    assertThat(c.rest().exit()).isZero();
                }
                if (i == 20) after20 = liveHeap(f.daemon(key), null);
            }
            long after200 = liveHeap(f.daemon(key), null);
            assertThat(liveHeap(f.daemon(key), "io.wirelab.labs.run.Lab")).as("live Lab objects").isZero();
            assertThat(liveHeap(f.daemon(key), "io.wirelab.sim.Simulator")).as("live Simulator objects").isZero();
            assertThat(after200 - after20).as("live heap after 200 runs minus after 20 (bytes)").isLessThan(1L << 20);
        }
    }

    /** Bytes of the live objects of one class (instances count as bytes too: zero means none), or of all when cls is null. */
    private static long liveHeap(ProcessHandle daemon, String cls) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(daemon.pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Matcher m = (cls == null ? Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)")
                : Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+" + Pattern.quote(cls) + "\\s")).matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test void busy_sendsTheSecondCommandBack_andCtrlC_stopsTheRunAsInProcess() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path cwd = dir.resolve("a");
            Path lab = Files.writeString(Files.createDirectories(cwd).resolve("endless.yaml"), ENDLESS);
            assertThat(f.client(cwd, "labs").exit()).isZero();
            DaemonKey key = f.keys().getFirst();
            try (DaemonFixture.Connection first = f.connect(key)) {
                assertThat(first.request("run", "endless.yaml", "--out", "endless").type()).isEqualTo(Frames.RUNNING);
                Frames.Frame looping = first.reader.read();
                assertThat(looping.text()).isEqualTo("looping\n");
                try (DaemonFixture.Connection second = f.connect(key)) {
                    assertThat(second.request("labs").type()).isEqualTo(Frames.BUSY);
                }
                assertThat(f.client(cwd, "labs")).isEqualTo(new DaemonFixture.Result(Client.FALLBACK, "", ""));
                first.writer.write(Frames.INTERRUPT);
                DaemonFixture.Result r = first.rest();
                assertThat(r.exit()).as(r.err()).isEqualTo(3);
                assertThat(r.err()).startsWith(lab.getFileName() + ":14: interrupted (Ctrl-C) at lab time ");
            }
            assertCaptureValid(cwd.resolve("endless"));
            assertThat(f.client(cwd, "validate", "ping-basics")).isEqualTo(new DaemonFixture.Result(0, "ok\n", ""));
        }
    }

    /** SIGINT to the client reaches the run in the daemon, which stops it as RunStopTest's in-process run: exit 3, line and lab time. */
    @Test void ctrlC_onTheClient_stopsTheRunInTheDaemon() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path cwd = Files.createDirectories(dir.resolve("a"));
            Files.writeString(cwd.resolve("endless.yaml"), ENDLESS);
            Process p = f.start(cwd, f.clientCommand("run", "endless.yaml", "--out", "endless"));
            var err = DaemonFixture.drain(p.getErrorStream());
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; )
                    if (line.equals("looping")) new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(err.get()).isEqualTo(3);
            assertThat(err.get()).startsWith(Client.STARTING + "\nendless.yaml:14: interrupted (Ctrl-C) at lab time ");
            assertCaptureValid(cwd.resolve("endless"));
        }
    }

    @Test void anIdleDaemon_endsByItself_andRemovesItsSocket() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.env.put("WIRELAB_DAEMON_IDLE", "1s");
            assertThat(f.client(dir.resolve("a"), "labs").exit()).isZero();
            DaemonKey key = f.keys().getFirst();
            ProcessHandle daemon = f.daemon(key);
            daemon.onExit().get(120, TimeUnit.SECONDS);
            assertThat(f.runtime.resolve(key + ".sock")).doesNotExist();
            assertThat(f.runtime.resolve(key + ".info")).doesNotExist();
        }
    }

    /** A socket left by a daemon that died: the next command starts a new daemon in its place. */
    @Test void aStaleSocket_isReplacedByANewDaemon() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path cwd = Files.createDirectories(dir.resolve("a"));
            Files.createDirectory(f.runtime, PosixFilePermissions.asFileAttribute(DaemonDir.OWNER_ONLY));
            DaemonKey key = new Setup(System.getProperty("java.home"), DaemonFixture.classPath(), "", null, "", "").key(cwd, f.env);
            Path socket = f.runtime.resolve(key + ".sock");
            try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                dead.bind(UnixDomainSocketAddress.of(socket));
            }
            assertThat(socket).exists();
            assertThat(Client.connect(socket)).isNull();
            DaemonFixture.Result r = f.client(cwd, "validate", "ping-basics");
            assertThat(r).isEqualTo(new DaemonFixture.Result(0, "ok\n", Client.STARTING + "\n"));
            assertThat(f.keys()).containsExactly(key);
            assertThat(f.daemon(key).isAlive()).isTrue();
        }
    }

    @Test void aRuntimeDirectoryOthersMayEnter_isNotUsed() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Files.createDirectory(f.runtime, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.setPosixFilePermissions(f.runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(f.client(dir.resolve("a"), "labs")).isEqualTo(new DaemonFixture.Result(Client.FALLBACK, "", ""));
            try (var files = Files.list(f.runtime)) {
                assertThat(files).isEmpty();
            }
            DaemonFixture.Result status = f.client(dir.resolve("a"), "daemon", "status");
            assertThat(status.exit()).isEqualTo(1);
            assertThat(status.err()).contains("has mode rwxr-xr-x, not rwx------");
        }
    }

    /**
     * status gives the daemon's time up from its own start, on the test's clock between the moment before the
     * command that started it and the answer, and counts the commands it ran apart from one it sent back.
     */
    @Test void status_countsTheCommandsRunApartFromThoseSentBack_andItsTimeUpSinceItStarted() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path cwd = Files.createDirectories(dir.resolve("a"));
            Files.writeString(cwd.resolve("bridged.yaml"), SharedJvmTest.BRIDGED_LAB);
            long beforeStart = System.nanoTime();
            assertThat(f.client(cwd, "labs").exit()).isZero();
            long listening = System.nanoTime();
            assertThat(f.client(cwd, "run", "bridged.yaml").exit()).isEqualTo(Client.FALLBACK);
            assertThat(f.client(cwd, "validate", "ping-basics").exit()).isZero();
            long asked = System.nanoTime();
            String status = f.client(cwd, "daemon", "status").out();
            long answered = System.nanoTime();
            assertThat(status).contains("2 command(s) run, 1 sent back to run in-process; idle for ");
            Matcher up = Pattern.compile(", up (\\d+) s; ").matcher(status);
            assertThat(up.find()).as(status).isTrue();
            assertThat(Long.parseLong(up.group(1))).isBetween(TimeUnit.NANOSECONDS.toSeconds(asked - listening),
                    TimeUnit.NANOSECONDS.toSeconds(answered - beforeStart) + 1);
        }
    }

    /** A daemon that cannot start (its JVM refuses an option) is said so after the start line; the command goes back to the launcher. */
    @Test void aDaemonThatCannotStart_isSaidSo_andTheCommandGoesBackToTheLauncher() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            f.env.put("WIRELAB_JAVA_OPTS", "-XX:+NoSuchWirelabOption");
            DaemonFixture.Result r = f.client(dir.resolve("a"), "labs");
            assertThat(r.exit()).isEqualTo(Client.FALLBACK);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith(Client.STARTING + "\nwirelab: the daemon did not start (its log: " + f.runtime)
                    .endsWith("); running without it\n").hasLineCount(2);
        }
    }

    @Test void daemonStatusAndStop_listAndEndTheUsersDaemons() throws Exception {
        try (DaemonFixture f = new DaemonFixture(dir)) {
            Path cwd = dir.resolve("a");
            assertThat(f.client(cwd, "daemon", "status")).isEqualTo(new DaemonFixture.Result(0, "no wirelab daemon (" + f.runtime + ")\n", ""));
            assertThat(f.client(cwd, "labs").exit()).isZero();
            DaemonKey key = f.keys().getFirst();
            ProcessHandle daemon = f.daemon(key);
            DaemonFixture.Result status = f.client(cwd, "daemon", "status");
            assertThat(status.out()).startsWith(key + ": pid " + daemon.pid()).contains("working directory " + cwd, "1 command(s) run, 0 sent back");
            DaemonFixture.Result stop = f.client(cwd, "daemon", "stop");
            assertThat(stop.out()).isEqualTo("stopping the daemon " + key + " (pid " + daemon.pid() + ")\n");
            assertThat(daemon.isAlive()).isFalse();   // stop waits for it
            assertThat(f.client(cwd, "daemon", "frobnicate").exit()).isEqualTo(2);
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void assertCaptureValid(Path out) {
        Path capture = out.resolve("pc1-eth0.pcapng");
        assertThat(capture).exists();
        assertThat(Tshark.frames(capture)).isEqualTo(8);   // ARP request and reply, three echo requests and replies
        assertThat(Tshark.malformed(capture)).isZero();
    }
}
