package io.wirelab.bridge;

import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.PcapFile;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.pcap.PcapngWriter;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.testing.FileWatch;
import io.wirelab.testing.Tools;
import io.wirelab.testing.VethLab;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated stack against the Linux kernel through a real veth pair: the peer lives in its own
 * network namespace (198.18.0.1/24), the lab host is 198.18.0.2/24 behind a libpcap bridge.
 * Needs root; skips otherwise (fails under WIRELAB_REQUIRE_TOOLS=1).
 */
class BridgeLiveTest {
    VethLab veth;
    Bridge bridge;
    Capture capture;

    @AfterEach void cleanUp() throws Exception {
        if (capture != null) capture.close();
        if (bridge != null) bridge.close();
        if (veth != null) veth.close();
    }

    final Simulator sim = new Simulator(1);
    final NetworkStack pc = new NetworkStack(sim, "pc1");
    final Port pcPort = new Port("pc1:eth0", sim);
    final NetInterface eth0 = pc.addInterface("eth0", pcPort, MacAddress.local(0x0100));

    void bridgeTo(String peerCidr) throws PacketDeviceException {
        veth = VethLab.create(peerCidr);
        eth0.configure(Ipv4Cidr.parse("198.18.0.2/24"));
        sim.enableRealTime();
        bridge = Bridge.overLibpcap(sim, "br0", veth.bridged());
        Link.connect(sim, bridge.port(), pcPort, LinkParams.DEFAULT);
    }

    /** Runs the lab until p exits (a watcher posts a wake-up), at most timeout of real time. */
    void runUntilExit(Process p, long timeoutNanos) {
        p.onExit().thenRun(() -> sim.realTime().post(() -> {}));
        sim.runUntil(() -> !p.isAlive(), timeoutNanos);
    }

    @Test void linuxPingsTheEmulatedHost() throws Exception {
        bridgeTo("198.18.0.1/24");
        bridge.start();
        assertThat(bridge.port().name()).isEqualTo("br0:" + veth.bridged());
        Process ping = veth.start("ping", "-n", "-c", "3", "-i", "0.2", "-W", "2", "198.18.0.2");
        runUntilExit(ping, SimTime.seconds(20));
        String out = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ping.exitValue()).as(out).isZero();
        assertThat(out).contains("3 packets transmitted, 3 received, 0% packet loss");
        assertThat(bridge.counters().drops()).isEmpty();
        assertThat(bridge.counters().framesIn()).isGreaterThanOrEqualTo(4);    // ARP request + 3 echo requests
        assertThat(pc.counters().totalDrops()).isZero();
    }

    @Test void theEmulatedHostPingsLinux() throws Exception {
        bridgeTo("198.18.0.1/24");
        bridge.start();
        int[] replies = {0};
        pc.icmp().addEchoReplyListener((id, seq, from, data, now) -> replies[0]++);
        for (int seq = 1; seq <= 3; seq++) {
            final int s = seq;
            sim.after(SimTime.millis(100) * seq, () -> pc.icmp().sendEchoRequest(io.wirelab.wire.ipv4.Ipv4Address.parse("198.18.0.1"), 0x4242, s, new byte[56], 64));
        }
        assertThat(sim.runUntil(() -> replies[0] == 3, SimTime.seconds(10))).isTrue();
        assertThat(pc.arp().entries()).anyMatch(e -> e.address().toString().equals("198.18.0.1"));
    }

    @Test void tsharkOnTheVethAndTheLabCaptureAgreeFrameForFrame(@TempDir Path dir) throws Exception {
        Path tsharkBin = Tools.require("tshark");
        bridgeTo("198.18.0.1/24");
        Path ours = dir.resolve("ours.pcapng"), theirs = dir.resolve("theirs.pcapng");
        capture = Capture.toFile(ours, Capture.Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, "bridge test").tap(bridge.port());
        Process tshark = veth.startHere(tsharkBin.toString(), "-n", "-i", veth.bridged(), "-w", theirs.toString());
        BufferedReader err = new BufferedReader(new InputStreamReader(tshark.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null && !line.contains("Capturing on"); line = err.readLine()) { }
        awaitCaptureFile(theirs);
        bridge.start();
        Process ping = veth.start("ping", "-n", "-c", "2", "-i", "0.2", "-W", "2", "198.18.0.2");
        runUntilExit(ping, SimTime.seconds(20));
        assertThat(ping.exitValue()).isZero();
        bridge.close();
        capture.close();
        // dumpcap hands frames over in ring blocks (no immediate mode): wait until it wrote ours too
        int expected = PcapReader.read(ours).records().size();
        FileWatch.await(theirs, f -> records(f) >= expected, Duration.ofSeconds(20), "tshark wrote " + expected + " frames to " + theirs);
        tshark.destroy();
        assertThat(tshark.waitFor(20, TimeUnit.SECONDS)).isTrue();

        List<String> ourFrames = hex(PcapReader.read(ours));
        List<String> theirFrames = hex(PcapReader.read(theirs));
        assertThat(ourFrames).hasSizeGreaterThanOrEqualTo(6);     // ARP request/reply, 2 x echo request/reply
        assertThat(ourFrames).containsExactlyElementsOf(theirFrames);
        // the same order of events on both clocks: ours in virtual time, tshark's in wall time
        List<PcapRecord> a = PcapReader.read(ours).records(), b = PcapReader.read(theirs).records();
        for (int i = 1; i < a.size(); i++) {
            long oursGap = a.get(i).timestampNanos() - a.get(i - 1).timestampNanos();
            long theirGap = b.get(i).timestampNanos() - b.get(i - 1).timestampNanos();
            assertThat(Math.abs(oursGap - theirGap)).as("gap before frame %d", i + 1).isLessThan(SimTime.millis(50));
        }
    }

    /** dumpcap opens the interface before it writes the file header: once the file has one, it captures. */
    static void awaitCaptureFile(Path file) throws InterruptedException {
        FileWatch.await(file, f -> f.toFile().length() > 0, Duration.ofSeconds(20), "tshark started writing " + file);
    }

    static int records(Path capture) {
        try {
            return PcapReader.read(capture).records().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> hex(PcapFile f) {
        assertThat(f.isComplete()).isTrue();
        return f.records().stream().map(r -> HexFormat.of().formatHex(r.data())).toList();
    }
}
