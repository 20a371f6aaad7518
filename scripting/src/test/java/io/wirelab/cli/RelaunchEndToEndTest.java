package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tshark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run in a JVM the launcher started (wirelab.jvm=batch) whose lab needs another profile (forced here by
 * wirelab.jvm.profile) starts itself again: the same output, captures and exit code as a run in one
 * JVM, the child in the profile's JVM with the user's options last, and Ctrl-C, to the parent alone or
 * to both as a terminal sends it, ends with complete captures and exit 3 once the child is done.
 */
class RelaunchEndToEndTest {
    private static final String LINE = "wirelab: -Dwirelab.jvm.profile=large: running in a JVM with -XX:+UseSerialGC -Xms";

    @TempDir Path dir;

    /** The launcher's JVM: java with wirelab.jvm=batch, the forced profile, and WIRELAB_JAVA_OPTS both in the environment and in place. */
    private static ProcessBuilder launcher(String userOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",   // a background job's JVM would ignore SIGINT
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-Xms16m", "-XX:TieredStopAtLevel=1",
                "-Dwirelab.jvm=batch", "-Dwirelab.jvm.profile=large"));
        cmd.addAll(JvmRelaunch.userOptions(userOptions));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.wirelab.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        if (userOptions == null) env.remove(JvmRelaunch.USER_OPTIONS_VARIABLE);
        else env.put(JvmRelaunch.USER_OPTIONS_VARIABLE, userOptions);
        return pb;
    }

    private record Ran(int exitCode, String out, String err) {}

    private Ran run(String userOptions, String... args) throws Exception {
        Path out = dir.resolve("stdout.txt"), err = dir.resolve("stderr.txt");
        Process p = launcher(userOptions, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test void relaunchedRun_printsWhatOneJvmPrints_writesTheSameCaptures_andExits0() throws Exception {
        CliRun inProcess = CliRun.of("run", "ping-basics", "--out", dir.resolve("one").toString());
        Ran relaunched = run(null, "run", "ping-basics", "--out", dir.resolve("two").toString());
        assertThat(relaunched.exitCode()).as(relaunched.err()).isZero();
        assertThat(relaunched.err()).startsWith(LINE).hasLineCount(1);
        assertThat(relaunched.out()).isEqualTo(inProcess.out().replace(dir.resolve("one").toString(), dir.resolve("two").toString()));
        List<Path> captures = CliRun.files(dir.resolve("one"), ".pcapng");
        assertThat(captures).hasSize(2);
        for (Path c : captures) assertThat(dir.resolve("two").resolve(c.getFileName())).hasSameBinaryContentAs(c);
    }

    @Test void relaunchedRun_isInTheProfilesJvm_andTheUsersOptionsOverrideIt() throws Exception {
        Path script = Files.writeString(dir.resolve("jvm.groovy"), """
                println 'jvm ' + System.getProperty('wirelab.jvm') + ', mine ' + System.getProperty('mine')
                println 'gc ' + java.lang.management.ManagementFactory.garbageCollectorMXBeans*.name.sort().join(',')
                """);
        Ran profile = run(null, "run", "ping-basics", "--script", script.toString(), "--trust", "--out", dir.resolve("a").toString());
        assertThat(profile.out()).as(profile.err()).contains("jvm large, mine null\ngc Copy,MarkSweepCompact\n");
        Ran overridden = run("-XX:-UseSerialGC -XX:+UseParallelGC -Dmine=1", "run", "ping-basics", "--script", script.toString(), "--trust",
                "--out", dir.resolve("b").toString());
        assertThat(overridden.err()).startsWith(LINE);
        assertThat(overridden.out()).as(overridden.err()).contains("jvm large, mine 1\ngc PS MarkSweep,PS Scavenge\n");
    }

    @Test void relaunchedRun_passesTheChildsExitCodeAndMessages() throws Exception {
        Path failing = Files.writeString(dir.resolve("fail.groovy"), "assert 1 + 1 == 3\n");
        Ran failed = run(null, "run", "ping-basics", "--script", failing.toString(), "--out", dir.resolve("f").toString());
        assertThat(failed.exitCode()).isEqualTo(Main.FAILED);
        assertThat(failed.err()).startsWith(LINE).contains("fail.groovy:1");
        Ran usage = run(null, "run", "ping-basics", "--timeout", "soon");
        assertThat(usage.exitCode()).isEqualTo(Main.USAGE);
        assertThat(usage.err()).startsWith(LINE).contains("\nwirelab: --timeout: ");
    }

    @Test void ctrlC_toTheParentAlone_stopsTheChild_withCompleteCaptures_exit3() throws Exception {
        Interrupted r = interrupt(false);
        assertThat(r.exitCode()).as(r.printed()).isEqualTo(Main.STOPPED);
        assertStoppedOnce(r);
    }

    @Test void ctrlC_toBothAsATerminalSendsIt_stopsTheChildOnce_withCompleteCaptures_exit3() throws Exception {
        Interrupted r = interrupt(true);
        assertThat(r.exitCode()).as(r.printed()).isEqualTo(Main.STOPPED);
        assertStoppedOnce(r);
    }

    private record Interrupted(int exitCode, String printed, Path capture) {}

    /** Runs RunStopTest's endless lab relaunched, and once it loops sends SIGINT to the parent (and the child). */
    private Interrupted interrupt(boolean alsoTheChild) throws Exception {
        Path lab = Files.writeString(dir.resolve("endless.yaml"), """
                name: endless
                seed: 3
                nodes:
                  pc1: { kind: pc, ip: 10.0.0.1/24 }
                  pc2: { kind: pc, ip: 10.0.0.2/24 }
                links:
                  - [pc1, pc2]
                captures: [pc1:eth0]
                script: |
                  pc1.ping('pc2', count: 3, quiet: true)
                  println 'looping'
                  while (true) { }
                """);
        Path out = dir.resolve("out");
        Process p = launcher(null, "run", lab.toString(), "--out", out.toString()).redirectErrorStream(true).start();
        StringBuilder printed = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                printed.append(line).append('\n');
                if (line.equals("looping")) {
                    List<String> kill = new ArrayList<>(List.of("kill", "-INT", Long.toString(p.pid())));
                    if (alsoTheChild) p.children().forEach(c -> kill.add(Long.toString(c.pid())));
                    assertThat(kill).hasSize(alsoTheChild ? 4 : 3);
                    new ProcessBuilder(kill).start().waitFor();
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Interrupted(p.exitValue(), printed.toString(), out.resolve("pc1-eth0.pcapng"));
    }

    private static void assertStoppedOnce(Interrupted r) throws IOException {
        assertThat(r.printed()).startsWith(LINE).containsOnlyOnce("interrupted (Ctrl-C) at lab time ").doesNotContain("again")
                .endsWith("captures:\n  " + r.capture() + "\n");
        assertThat(Tshark.frames(r.capture())).isEqualTo(8);   // ARP request and reply, three echo requests and replies
        assertThat(Tshark.malformed(r.capture())).isZero();
    }
}
