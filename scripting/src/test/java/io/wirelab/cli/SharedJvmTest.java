package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which commands the daemon may run in its shared JVM, and Ctrl-C from a client instead of SIGINT. */
public class SharedJvmTest {
    /** A lab with a bridge to a real interface (also DaemonEndToEndTest's). */
    public static final String BRIDGED_LAB = """
            name: bridged
            nodes:
              uplink: { kind: bridge, interface: veth0 }
              sw1: { kind: switch }
              srv: { kind: server, ip: 198.18.0.2/24 }
            links:
              - [uplink, sw1]
              - [srv, sw1]
            """;

    @TempDir Path dir;

    @Test void smallLabs_validateAndLabs_mayShareTheJvm() {
        assertThat(SharedJvm.whyNot(new String[] {"run", "ping-basics", "--out", "x"})).isNull();
        assertThat(SharedJvm.whyNot(new String[] {"run", "--seed", "4", "http-basics"})).isNull();
        assertThat(SharedJvm.whyNot(new String[] {"validate", "dhcp-dns"})).isNull();
        assertThat(SharedJvm.whyNot(new String[] {"labs"})).isNull();
    }

    @Test void otherCommands_trust_realTimeAndLive_getAJvmOfTheirOwn() {
        assertThat(SharedJvm.whyNot(new String[] {"console", "ping-basics"})).isNotNull();
        assertThat(SharedJvm.whyNot(new String[] {"show", "x.pcapng"})).isNotNull();
        assertThat(SharedJvm.whyNot(new String[] {})).isNotNull();
        assertThat(SharedJvm.whyNot(new String[] {"run", "ping-basics", "--trust"})).isEqualTo("--trust");
        assertThat(SharedJvm.whyNot(new String[] {"validate", "--trust", "ping-basics"})).isEqualTo("--trust");
        assertThat(SharedJvm.whyNot(new String[] {"run", "ping-basics", "--realtime"})).isEqualTo("real time or live");
        assertThat(SharedJvm.whyNot(new String[] {"run", "ping-basics", "--pace", "2x"})).isEqualTo("real time or live");
        assertThat(SharedJvm.whyNot(new String[] {"run", "ping-basics", "--live", "pc1:eth0"})).isEqualTo("real time or live");
    }

    /** What picocli or the lab reader refuses runs shared: the command reports it exactly as anywhere. */
    @Test void unparsableArguments_orAMissingLab_mayShare() {
        assertThat(SharedJvm.whyNot(new String[] {"run", "--no-such-option", "ping-basics"})).isNull();
        assertThat(SharedJvm.whyNot(new String[] {"run", "no-such-lab"})).isNull();
        assertThat(SharedJvm.whyNot(new String[] {"run"})).isNull();
    }

    @Test void aBridgedLab_getsAJvmOfItsOwn() throws IOException {
        Path lab = Files.writeString(dir.resolve("bridged.yaml"), BRIDGED_LAB);
        assertThat(SharedJvm.whyNot(new String[] {"run", lab.toString()})).isEqualTo("bridged");
    }

    @Test void aLabLargerThanTheLimit_getsAJvmOfItsOwn() throws IOException {
        Path small = Files.writeString(dir.resolve("small.yaml"), lab(600));
        assertThat(CliRun.of("validate", small.toString()).out()).isEqualTo("ok\n");   // the same form, valid
        assertThat(SharedJvm.whyNot(new String[] {"run", small.toString()})).isNull();
        assertThat(SharedJvm.whyNot(new String[] {"run", Files.writeString(dir.resolve("large.yaml"), lab(1500)).toString()})).isEqualTo("large");
    }

    /** pcs PCs on a chain of switches of 500 ports and two uplinks each. */
    private static String lab(int pcs) {
        int switches = (pcs + 499) / 500;
        StringBuilder s = new StringBuilder("name: many\nnodes:\n");
        for (int w = 1; w <= switches; w++) s.append("  sw").append(w).append(": { kind: switch, ports: 502 }\n");
        for (int i = 1; i <= pcs; i++) s.append("  pc").append(i).append(": { kind: pc, ip: 10.0.").append(i / 250).append('.').append(i % 250 + 1).append("/16 }\n");
        s.append("links:\n");
        for (int i = 1; i <= pcs; i++) s.append("  - [pc").append(i).append(":eth0, sw").append((i - 1) / 500 + 1).append(":p").append((i - 1) % 500 + 1).append("]\n");
        for (int w = 1; w < switches; w++) s.append("  - [sw").append(w).append(":p502, sw").append(w + 1).append(":p501]\n");
        return s.toString();
    }

    @Test void ctrlC_runsTheLatestHandler_untilItIsUndone() {
        SharedJvm.Interrupts interrupts = new SharedJvm.Interrupts();
        StringBuilder ran = new StringBuilder();
        assertThat(interrupts.interrupt()).isFalse();
        Runnable undoA = interrupts.add(() -> ran.append('a'));
        Runnable undoB = interrupts.add(() -> ran.append('b'));
        assertThat(interrupts.interrupt()).isTrue();
        undoB.run();
        assertThat(interrupts.interrupt()).isTrue();
        undoA.run();
        assertThat(interrupts.interrupt()).isFalse();
        assertThat(ran).hasToString("ba");
    }
}
