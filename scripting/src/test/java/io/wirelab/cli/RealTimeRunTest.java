package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.bridge.BridgeCounters;
import io.wirelab.bridge.Libpcap;
import io.wirelab.bridge.PacketDevice;
import io.wirelab.devices.bridge.BridgeDevice;
import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.testing.VethLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wirelab run --realtime, and real time switched on by a bridge node, with a script pinging Linux. */
class RealTimeRunTest {
    @Test void realtimeFlagPacesALabWithoutABridge(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("quiet.yaml");
        Files.writeString(lab, "nodes: { pc1: { kind: pc, ip: 198.18.0.2/24 } }\n");
        CliRun r = CliRun.of("run", lab.toString(), "--realtime", "--for", "200ms", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("running in real time").doesNotContain("bridged")
                .containsPattern("real time: events ran at most [0-9.]+ (ns|us|ms|s) behind the wall clock"
                        + "( \\([^()]+ at lab time [0-9.]+ (ns|us|ms|s), the last of [0-9]+ events? run back to back\\))?\n");
    }

    @Test void theStretchesAskedForSayWhatTheirWallTimeWentTo(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("pinging.yaml");
        Files.writeString(lab, """
                nodes:
                  pc1: { kind: pc, ip: 198.18.0.2/24 }
                  pc2: { kind: pc, ip: 198.18.0.3/24 }
                links: [[pc1, pc2]]
                script: |
                  assert pc1.ping('198.18.0.3', count: 3, interval: 20.ms).received == 3
                """);
        System.setProperty(RealTimeLag.STRETCHES_PROPERTY, "true");
        CliRun r;
        try {
            r = CliRun.of("run", lab.toString(), "--realtime", "--out", dir.resolve("out").toString());
        } finally {
            System.clearProperty(RealTimeLag.STRETCHES_PROPERTY);
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("real time: the worst stretches behind the wall clock")
                .containsPattern("\\n  [0-9.]+ (ns|us|ms|s)  [0-9.]+ (ns|us|ms|s)  [0-9]+ ms  [^\\n]+  [0-9]+;  [0-9.]+ (ns|us|ms|s), "
                        + "[0-9.]+ (ns|us|ms|s) on CPU, [0-9]+ collections?;  first [0-9.]+ (ns|us|ms|s) late\\n");
    }

    @Test void theWarmUpRunsAnHttpsLabToItsEnd() {
        assertThat(RealTimeWarmUp.run(true)).isTrue();
    }

    @Test void theRehearsalServesItsLoadsThroughTwoBridgesInRealTime() throws Exception {
        assertThat(RealTimeWarmUp.rehearse()).isEqualTo(RealTimeWarmUp.Rehearsal.ANSWERED);
    }

    @Test void theRehearsalsBurstsOpenAConnectionPerRequestFiftyAtATimeAndCrossTheBridges() throws Exception {
        LabSpec spec = LabYamlReader.read("r.yaml", "r", RealTimeWarmUp.REHEARSAL_LAB, n -> null);
        Iterator<PacketDevice> devices = Libpcap.rehearsalPair().iterator();
        try (Lab lab = new LabBuilder(new StandardServices()).packetDevices(devices::next).buildLab(spec, LabBuilder.Options.withoutCaptures())) {
            assertThat(lab.isRealTime()).isTrue();
            RealTimeWarmUp.Load own = RealTimeWarmUp.load(lab, RealTimeWarmUp.LOAD_CLIENT, RealTimeWarmUp.REHEARSAL_URL,
                    ConnectionPolicy.parallel(RealTimeWarmUp.REHEARSAL_CONNECTIONS), RealTimeWarmUp.REHEARSAL_LIMIT_NANOS);
            assertThat(own).isEqualTo(new RealTimeWarmUp.Load(RealTimeWarmUp.LOAD_REQUESTS, RealTimeWarmUp.LOAD_REQUESTS));
            BridgeCounters near = ((BridgeDevice) lab.device("near")).bridge().counters();
            BridgeCounters far = ((BridgeDevice) lab.device("far")).bridge().counters();
            // every request's frames (SYN, request, ACKs, FIN: several each way) went out of one bridge and in at the other
            assertThat(far.framesIn()).isGreaterThan(3L * RealTimeWarmUp.LOAD_REQUESTS).isLessThanOrEqualTo(near.framesOut());
            assertThat(near.framesIn()).isGreaterThan(3L * RealTimeWarmUp.LOAD_REQUESTS).isLessThanOrEqualTo(far.framesOut());
            assertThat(near.drops()).isEmpty();
            assertThat(far.drops()).isEmpty();
            RealTimeWarmUp.Load serial = RealTimeWarmUp.load(lab, RealTimeWarmUp.LOAD_CLIENT, RealTimeWarmUp.REHEARSAL_URL,
                    ConnectionPolicy.persistent(1), RealTimeWarmUp.REHEARSAL_LIMIT_NANOS);
            assertThat(serial.answered()).isEqualTo(RealTimeWarmUp.LOAD_REQUESTS);
            assertThat(serial.connections()).as("one at a time, kept alive (the server ends one after its 100th request)")
                    .isBetween(1L, RealTimeWarmUp.LOAD_REQUESTS / 50L);
        }
    }

    @Test void theWarmUpLoadReusesKeepAliveConnectionsAndOpensOneForEachOtherRequest() throws Exception {
        try (Lab lab = LabBuilder.build(BuiltinLabs.builtin(RealTimeWarmUp.LAB), LabBuilder.Options.withoutCaptures())) {
            lab.await(lab.runtime(RealTimeWarmUp.LOAD_CLIENT).dhcpClient().leaseFuture(), SimTime.seconds(30));
            RealTimeWarmUp.Load keepAlive = RealTimeWarmUp.load(lab, ConnectionPolicy.persistent(RealTimeWarmUp.LOAD_CONNECTIONS));
            assertThat(keepAlive.answered()).isEqualTo(RealTimeWarmUp.LOAD_REQUESTS);
            assertThat(keepAlive.connections()).isBetween(1L, (long) RealTimeWarmUp.LOAD_CONNECTIONS);
            RealTimeWarmUp.Load own = RealTimeWarmUp.load(lab, ConnectionPolicy.parallel(RealTimeWarmUp.LOAD_CONNECTIONS));
            assertThat(own).isEqualTo(new RealTimeWarmUp.Load(RealTimeWarmUp.LOAD_REQUESTS, RealTimeWarmUp.LOAD_REQUESTS));
        }
    }

    @Test void withoutTheFlagALabStaysVirtual(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("quiet.yaml");
        Files.writeString(lab, "nodes: { pc1: { kind: pc, ip: 198.18.0.2/24 } }\n");
        CliRun r = CliRun.of("run", lab.toString(), "--for", "1h", "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("real time");
    }

    @Test void aBridgedLabRunsInRealTimeAndItsScriptPingsLinux(@TempDir Path dir) throws Exception {
        try (VethLab veth = VethLab.create("198.18.0.1/24")) {
            Path lab = dir.resolve("bridged.yaml");
            Files.writeString(lab, """
                    name: bridged
                    nodes:
                      uplink: { kind: bridge, interface: %s }
                      sw1: { kind: switch, ports: 2 }
                      srv: { kind: server, ip: 198.18.0.2/24 }
                    links:
                      - [uplink, sw1]
                      - [srv, sw1]
                    captures: [uplink]
                    script: |
                      def r = srv.ping('198.18.0.1', count: 2, interval: 200.ms)
                      assert r.received == 2
                    """.formatted(veth.bridged()));
            Path out = dir.resolve("out");
            CliRun r = CliRun.of("run", lab.toString(), "--out", out.toString());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("running in real time (bridged to a real interface)").containsPattern("real time: events ran at most [0-9.]+ (ns|us|ms|s) behind the wall clock"
                    + " \\([^()]+ at lab time [0-9.]+ (ns|us|ms|s), the last of [0-9]+ events? run back to back\\)\n")
                    // libpcap's capture times, placed on the loop's clock: the ping's replies and ARP at least
                    .containsPattern("real time: frames from outside waited at most [0-9.]+ (ns|us|ms) between their capture and the lab"
                            + " taking them in \\(that one at lab time [0-9.]+ (ns|us|ms|s); ([3-9]|[1-9][0-9]+) frames\\)\n")
                    // the bridge's own counts, with nothing dropped by it or the kernel on so small a load
                    .containsPattern("bridge uplink \\(" + veth.bridged() + "\\): in [1-9][0-9]* frames / [0-9]+ B, out [1-9][0-9]* frames / [0-9]+ B\n");
            assertThat(out.resolve("uplink-" + veth.bridged() + ".pcapng")).isNotEmptyFile();
        }
    }

    /** A bridged lab's script is compiled before its bridges open (here the start then fails): no frame waits for the compiler. */
    @Test void aBridgedLabsScriptIsCompiledBeforeItsBridgesOpen(@TempDir Path dir) throws Exception {
        String bridged = "nodes:\n  uplink: { kind: bridge, interface: wlnope9 }\n  pc1: { kind: pc, ip: 198.18.0.2/24 }\nlinks: [[uplink, pc1]]\n";
        Path plain = Files.writeString(dir.resolve("plain.yaml"), bridged);
        Path scripted = Files.writeString(dir.resolve("scripted.yaml"), bridged + "script: |\n  println 'compiled ' + (6 * 7)\n");
        Path cache = dir.resolve("cache");
        String before = System.getProperty("wirelab.script.cache");
        System.setProperty("wirelab.script.cache", cache.toString());
        try {
            assertThat(CliRun.of("run", plain.toString(), "--out", dir.resolve("out").toString()).exitCode()).isNotZero();
            java.util.List<String> warmUp = compiled(cache);
            CliRun r = CliRun.of("run", scripted.toString(), "--out", dir.resolve("out").toString());
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err()).contains("bridge uplink:");
            assertThat(r.out()).doesNotContain("compiled 42");
            assertThat(compiled(cache)).as("the script's classes, stored before the lab started").hasSize(warmUp.size() + 1).containsAll(warmUp);
        } finally {
            if (before == null) System.clearProperty("wirelab.script.cache");
            else System.setProperty("wirelab.script.cache", before);
        }
    }

    private static java.util.List<String> compiled(Path cache) throws java.io.IOException {
        if (!Files.isDirectory(cache)) return java.util.List.of();
        try (var files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".classes")).sorted().toList();
        }
    }

    @Test void aMissingInterfaceIsReportedClearly(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("missing.yaml");
        Files.writeString(lab, "nodes:\n  uplink: { kind: bridge, interface: wlnope9 }\n  pc1: { kind: pc, ip: 198.18.0.2/24 }\nlinks: [[uplink, pc1]]\n");
        CliRun r = CliRun.of("run", lab.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("bridge uplink:").containsAnyOf("no network interface 'wlnope9'", "libpcap is not installed");
    }
}
