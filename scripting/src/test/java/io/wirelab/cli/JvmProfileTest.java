package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirelab.labs.build.MemoryEstimate;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.yaml.LabYamlReader;
import org.junit.jupiter.api.Test;

/** Which JVM a lab gets: real-time for a bridge or --realtime, large by its memory estimate, else the launcher's batch JVM. */
class JvmProfileTest {
    private static final long MIB = 1L << 20, GIB = 1L << 30;

    private static final String SMALL = """
            nodes:
              pc1: { kind: pc, ip: 10.0.0.1/24 }
              pc2: { kind: pc, ip: 10.0.0.2/24 }
            links:
              - [pc1, pc2]
            """;

    private static final String BRIDGED = """
            nodes:
              uplink: { kind: bridge, interface: veth0 }
              srv: { kind: server, ip: 198.18.10.2/24 }
            links:
              - [uplink, srv]
            """;

    private static LabSpec lab(String yaml) throws Exception {
        return LabYamlReader.read("t.yaml", "t", yaml, n -> null);
    }

    /** N PCs under access switches of 100, one broadcast domain (flat-10k shortened). */
    private static LabSpec flat(int pcs) throws Exception {
        int access = pcs / 100;
        return lab("""
                nodes:
                  core: { kind: switch, ports: %d }
                  acc1..acc%d: { kind: switch, ports: 101 }
                  pc1..pc%d: { kind: pc, ip: dhcp }
                links:
                  - [acc1..acc%d, core]
                  - [pc1..pc%d, acc1..acc%d]
                """.formatted(access, access, pcs, access, pcs, access));
    }

    private static JvmProfile decide(LabSpec lab, boolean realtime, String forced) {
        return JvmProfile.of(lab, realtime, MemoryEstimate.of(lab), forced, 6 * GIB);
    }

    @Test void smallLab_isBatch_withTheLaunchersFlags() throws Exception {
        JvmProfile p = decide(lab(SMALL), false, null);
        assertThat(p.kind()).isEqualTo(JvmProfile.Kind.BATCH);
        assertThat(p.isBatch()).isTrue();
        assertThat(p.flags()).containsExactly("-XX:+UseSerialGC", "-Xms16m", "-XX:TieredStopAtLevel=1");
    }

    @Test void bridgedLab_isRealTime_withAPreTouchedHeap() throws Exception {
        JvmProfile p = decide(lab(BRIDGED), false, null);
        assertThat(p.kind()).isEqualTo(JvmProfile.Kind.REAL_TIME);
        assertThat(p.isBatch()).isFalse();
        assertThat(p.why()).isEqualTo("bridged lab");
        assertThat(p.flags()).containsExactly("-XX:+UseSerialGC", "-Xms128m", "-Xmn32m", "-XX:MaxTenuringThreshold=1", "-XX:+AlwaysPreTouch",
                "-XX:TieredStopAtLevel=1");
    }

    @Test void realtimeOption_makesASmallLabRealTime() throws Exception {
        JvmProfile p = decide(lab(SMALL), true, null);
        assertThat(p.kind()).isEqualTo(JvmProfile.Kind.REAL_TIME);
        assertThat(p.why()).isEqualTo("real-time lab");
    }

    @Test void largeByEstimate_startsTheHeapAtTheEstimate() throws Exception {
        LabSpec lab = flat(10_000);
        MemoryEstimate e = MemoryEstimate.of(lab);
        JvmProfile p = decide(lab, false, null);
        assertThat(p.kind()).isEqualTo(JvmProfile.Kind.LARGE);
        assertThat(p.why()).isEqualTo("large lab (about " + MemoryEstimate.size(e.bytes()) + ")");
        assertThat(p.flags()).contains("-Xms" + ((e.bytes() + MIB - 1) / MIB) + "m")
                .noneMatch(f -> f.startsWith("-XX:TieredStopAtLevel"))   // C2
                .noneMatch(f -> f.startsWith("-Xmx"));                   // 6 GiB holds it
    }

    @Test void largeByEstimate_raisesTheMaximumHeapOnlyWhenTheDefaultIsTooSmall() throws Exception {
        LabSpec lab = flat(10_000);
        MemoryEstimate e = MemoryEstimate.of(lab);
        JvmProfile p = JvmProfile.of(lab, false, e, null, 256 * MIB);
        assertThat(p.flags()).contains("-Xmx" + (e.suggestedHeapBytes() / MIB) + "m");
    }

    @Test void justBelowTheThreshold_isBatch() throws Exception {
        assertThat(MemoryEstimate.of(flat(2_000)).bytes()).isLessThan(JvmProfile.LARGE_BYTES);
        assertThat(decide(flat(2_000), false, null).kind()).isEqualTo(JvmProfile.Kind.BATCH);
    }

    @Test void bridgedAndLarge_isRealTime_withTheHeapItNeeds() throws Exception {
        LabSpec lab = lab(BRIDGED.replace("nodes:\n", "nodes:\n  pc1..pc10000: { kind: pc, ip: dhcp }\n"));
        MemoryEstimate e = MemoryEstimate.of(lab);
        JvmProfile p = JvmProfile.of(lab, false, e, null, 256 * MIB);
        assertThat(p.kind()).isEqualTo(JvmProfile.Kind.REAL_TIME);
        assertThat(p.flags()).contains("-Xms" + ((e.bytes() + MIB - 1) / MIB) + "m", "-Xmx" + (e.suggestedHeapBytes() / MIB) + "m", "-XX:+AlwaysPreTouch");
    }

    @Test void forcedProfile_winsOverTheLab_andNamesItselfAsTheReason() throws Exception {
        JvmProfile p = decide(lab(BRIDGED), false, "batch");
        assertThat(p.kind()).isEqualTo(JvmProfile.Kind.BATCH);
        assertThat(p.why()).isEqualTo("-Dwirelab.jvm.profile=batch");
        assertThat(decide(lab(SMALL), false, "large").kind()).isEqualTo(JvmProfile.Kind.LARGE);
        assertThat(decide(lab(SMALL), false, "real-time").kind()).isEqualTo(JvmProfile.Kind.REAL_TIME);
    }

    @Test void forcedProfile_unknownName_isRefused() {
        assertThatThrownBy(() -> decide(lab(SMALL), false, "fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dwirelab.jvm.profile=fast: expected batch, real-time or large");
    }
}
