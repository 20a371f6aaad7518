package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 finding 10 and the console's trust rules: a :capture of a port the lab file already captures
 * gets its own file, :reset keeps the earlier captures under new names, a second session says it
 * replaces the out directory; typed input is trusted, :load is sandboxed until :trust.
 */
class ConsoleSafetyTest {
    @TempDir Path dir;

    private CliRun session(String input, String... extra) {
        String[] args = {"ping-basics", "--out", dir.resolve("out").toString(), "--history", dir.resolve("history").toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return ConsoleSession.inProcess(input, all);
    }

    @Test void captureStart_onAPortTheLabFileCaptures_writesADistinctFile_andBothStayValid() {
        CliRun r = session("""
                :capture start pc1:eth0
                pc1.ping('pc2', count: 2, quiet: true)
                :capture stop pc1:eth0
                :capture start pc1:eth0
                :quit
                """);
        Path out = dir.resolve("out");
        assertThat(r.out()).contains("capturing pc1:eth0 to " + out.resolve("pc1-eth0-2.pcapng")
                + " (pc1-eth0.pcapng is taken by an earlier or the lab file's capture)");
        assertThat(r.out()).contains("capturing pc1:eth0 to " + out.resolve("pc1-eth0-3.pcapng"));
        for (String f : new String[] {"pc1-eth0.pcapng", "pc1-eth0-2.pcapng"}) {
            assertThat(Tshark.malformed(out.resolve(f))).as(f).isZero();
            assertThat(Tshark.frames(out.resolve(f))).as(f).isEqualTo(6);   // ARP request and reply, two echo pairs
        }
    }

    @Test void reset_keepsTheEarlierCapturesUnderNewNames_andSaysSo() {
        CliRun r = session("""
                pc1.ping('pc2', count: 3, quiet: true)
                :reset
                pc1.ping('pc2', count: 1, quiet: true)
                :quit
                """);
        Path out = dir.resolve("out");
        assertThat(r.out()).contains("lab ping-basics rebuilt, lab time 0 s; the earlier lab's captures are kept as "
                + "pc1-eth0.reset-1.pcapng, pc2-eth0.reset-1.pcapng");
        assertThat(Tshark.frames(out.resolve("pc1-eth0.reset-1.pcapng"))).isEqualTo(8);
        assertThat(Tshark.malformed(out.resolve("pc1-eth0.reset-1.pcapng"))).isZero();
        assertThat(Tshark.frames(out.resolve("pc1-eth0.pcapng"))).isEqualTo(4);
    }

    @Test void aSecondSession_saysItReplacesTheOutDirectory() {
        assertThat(session(":quit\n").out()).doesNotContain("replacing");
        assertThat(session(":quit\n").out()).startsWith("replacing the files of an earlier run in " + dir.resolve("out"));
        CliRun run = CliRun.of("run", "ping-basics", "--out", dir.resolve("out").toString());
        assertThat(run.out()).startsWith("replacing the files of an earlier run in " + dir.resolve("out"));
    }

    @Test void typedInputIsTrusted_loadIsSandboxedUntilTrust() throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.txt"), "mine");
        Path script = Files.writeString(dir.resolve("peek.groovy"), "println new File('" + mine + "').text\n");
        CliRun r = session("new File('" + mine + "').text\n:load " + script + "\n:trust\n:load " + script + "\n:quit\n");
        assertThat(r.out()).contains("==> mine");
        assertThat(r.out()).contains("error: not allowed in lab scripts: new java.io.File");
        assertThat(r.out()).contains("files loaded with :load now run with your full rights");
        assertThat(r.out().lines().filter(l -> l.equals("mine")).count()).isEqualTo(1);
        CliRun trusted = session(":load " + script + "\n:quit\n", "--trust");
        assertThat(trusted.out().lines().filter(l -> l.equals("mine")).count()).isEqualTo(1);
    }
}
