package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    static final String LAB = """
            name: mini
            nodes:
              pc1: { kind: pc, ip: 10.0.0.1/24 }
              pc2: { kind: pc, ip: 10.0.0.2/24 }
              sw1: { kind: switch, ports: 4 }
            links:
              - [pc1:eth0, sw1:p1, { bandwidth: 100Mbps, delay: 1ms }]
              - [pc2:eth0, sw1:p2]
            captures: [pc1:eth0, pc2:eth0]
            """;

    @TempDir Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test void version_printsTheBuildVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("wirelab 0.").contains("Groovy 6.");
        assertThat(r.out()).doesNotContain("${project.version}");
    }

    @Test void help_listsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("run").contains("validate").contains("labs").contains("Exit codes");
    }

    @Test void help_listsTheDaemonCommand_whoseHelpNamesItsActions() {
        assertThat(CliRun.of("--help").out()).containsPattern("(?m)^  daemon +Show \\(status\\) or end \\(stop\\) this user's wirelab daemons\\.$");
        CliRun daemon = CliRun.of("daemon", "--help");
        assertThat(daemon.exitCode()).isZero();
        assertThat(daemon.out()).startsWith("Usage: wirelab daemon ").contains("status|stop");
    }

    /** run's model is built in code (CodedSpec): every option reaches its field, and picocli's errors are the annotated ones'. */
    @Test void runsCodedModel_bindsEveryOption_andReportsMissingOrBadArguments() {
        RunCommand run = new RunCommand(new Io(System.out, System.err));
        new picocli.CommandLine(run.spec()).parseArgs("ping-basics", "--out", "o", "--seed", "7", "--for", "2s", "--script", "s.groovy",
                "--realtime", "--trust", "--report", "--live", "pc1:eth0", "--live", "pc2:eth0=f", "--pace", "2x");
        assertThat(run.lab).isEqualTo("ping-basics");
        assertThat(run.labOptions.out).isEqualTo(Path.of("o"));
        assertThat(run.labOptions.seed).isEqualTo(7L);
        assertThat(run.runFor).isEqualTo("2s");
        assertThat(run.scriptFile).isEqualTo(Path.of("s.groovy"));
        assertThat(run.realtime && run.trust && run.report).isTrue();
        assertThat(run.liveOptions.live).containsExactly("pc1:eth0", "pc2:eth0=f");
        assertThat(run.liveOptions.pace).isEqualTo("2x");
        assertThat(run.timeout).isEqualTo("10m");
        RunCommand plain = new RunCommand(new Io(System.out, System.err));
        new picocli.CommandLine(plain.spec()).parseArgs("ping-basics");
        assertThat(plain.realtime || plain.trust || plain.report).isFalse();
        assertThat(plain.liveOptions.live).isEmpty();

        CliRun missing = CliRun.of("run");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Missing required parameter: 'LAB|NAME'").contains("Usage: wirelab run [-hV]");
        CliRun badSeed = CliRun.of("run", "ping-basics", "--seed", "abc");
        assertThat(badSeed.exitCode()).isEqualTo(2);
        assertThat(badSeed.err()).startsWith("Invalid value for option '--seed': 'abc' is not a long");
        assertThat(CliRun.of("run", "--help").out()).contains("(default: 10m); exit 3 when hit").contains("-V, --version");
    }

    @Test void console_sharesRunsOutAndSeedOptions() {
        CliRun help = CliRun.of("console", "--help");
        assertThat(help.out()).startsWith("Usage: wirelab console ").contains("--out=DIR").contains("--seed=N");
        CliRun badSeed = CliRun.of("console", "ping-basics", "--seed", "abc");
        assertThat(badSeed.err()).startsWith("Invalid value for option '--seed': 'abc' is not a long");
    }

    @Test void aSubcommandsHelp_namesItUnderWirelab_andAMistypedOneIsCorrected() {
        CliRun labs = CliRun.of("labs", "--help");
        assertThat(labs.exitCode()).isZero();
        assertThat(labs.out()).startsWith("Usage: wirelab labs ");
        CliRun typo = CliRun.of("vaildate", "ping-basics");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Unmatched arguments").contains("validate");
    }

    @Test void noCommandOrUnknownOption_isUsageError() {
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
        CliRun bad = CliRun.of("run", "ping-basics", "--colour");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--colour");
        assertThat(CliRun.of("run", "ping-basics", "--seed", "abc").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test void labs_listsBuiltinsOneLineEach() {
        CliRun r = CliRun.of("labs");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).anyMatch(l -> l.startsWith("ping-basics ") && l.length() > "ping-basics ".length() + 5);
    }

    @Test void unknownLabName_exits2_listingBuiltins() {
        CliRun r = CliRun.of("run", "ping-basic");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown lab 'ping-basic'").contains("did you mean 'ping-basics'?")
                .contains("built-in labs: ").contains("ping-basics");
    }

    @Test void validate_okLab_printsOk() throws Exception {
        CliRun r = CliRun.of("validate", write("mini.yaml", LAB).toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out().strip()).isEqualTo("ok");
        assertThat(r.exitCode()).isZero();
        assertThat(CliRun.of("validate", "ping-basics").exitCode()).isZero();
    }

    @Test void validate_invalidLab_printsEveryProblemWithLineAndColumn() throws Exception {
        Path p = write("bad.yaml", LAB.replace("pc2: { kind: pc, ip: 10.0.0.2/24 }", "pc2: { kind: pc, ipp: 10.0.0.2/24 }")
                .replace("[pc2:eth0, sw1:p2]", "[pc9:eth0, sw1:p2]"));
        CliRun r = CliRun.of("validate", p.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(p + ":4:").contains("ipp").contains(p + ":8:").contains("pc9");
        assertThat(r.err().lines().filter(l -> l.startsWith(p.toString())).count()).isGreaterThanOrEqualTo(2);
        assertThat(CliRun.of("run", p.toString()).exitCode()).isEqualTo(2);
    }

    @Test void validate_reportsScriptSyntaxErrors() throws Exception {
        Path p = write("syn.yaml", LAB + "script: |\n  def x = 1\n  def y = (x +\n");
        CliRun r = CliRun.of("validate", p.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(p.toString()) + ":1[12]:\\d+: ");
    }

    @Test void missingFile_exits2() {
        CliRun r = CliRun.of("run", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml:1:1:");
    }

    @Test void badForDuration_isUsageError() throws Exception {
        CliRun r = CliRun.of("run", write("mini.yaml", LAB).toString(), "--for", "2 fortnights", "--out", dir.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--for");
    }

    @Test void labWithoutScript_runsForTheGivenTime_andListsCaptures() throws Exception {
        Path out = dir.resolve("o");
        CliRun r = CliRun.of("run", write("mini.yaml", LAB).toString(), "--out", out.toString(), "--for", "1s");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("captures:").contains(out.resolve("pc1-eth0.pcapng").toString())
                .contains(out.resolve("pc2-eth0.pcapng").toString());
    }

    @Test void failingScript_exits1_andStillClosesValidCaptures() throws Exception {
        Path out = dir.resolve("o");
        Path lab = write("fail.yaml", LAB + "script: |\n  pc1.ping('10.0.0.2', count: 1)\n  assert false\n");
        CliRun r = CliRun.of("run", lab.toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith(lab + ":12: assertion failed");
        assertThat(r.out()).contains("captures:");
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                byte[] b = Files.readAllBytes(f);
                // pcapng: a Section Header Block first, and the file ends on a whole block whose
                // trailing length equals its leading length
                assertThat(b.length).isGreaterThan(28);
                assertThat(new byte[] {b[0], b[1], b[2], b[3]}).containsExactly(0x0a, 0x0d, 0x0d, 0x0a);
                assertThat(blocksEndExactly(b)).as(f.toString()).isTrue();
            }
        }
    }

    /** Walks pcapng blocks (little-endian, as our writer emits) and checks they tile the file. */
    static boolean blocksEndExactly(byte[] b) {
        int at = 0;
        while (at + 12 <= b.length) {
            int len = (b[at + 4] & 0xff) | (b[at + 5] & 0xff) << 8 | (b[at + 6] & 0xff) << 16 | (b[at + 7] & 0xff) << 24;
            if (len < 12 || len % 4 != 0 || at + len > b.length) return false;
            int trailer = (b[at + len - 4] & 0xff) | (b[at + len - 3] & 0xff) << 8 | (b[at + len - 2] & 0xff) << 16 | (b[at + len - 1] & 0xff) << 24;
            if (trailer != len) return false;
            at += len;
        }
        return at == b.length;
    }
}
