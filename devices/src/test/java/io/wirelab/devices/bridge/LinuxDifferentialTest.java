package io.wirelab.devices.bridge;

import io.wirelab.bridge.Bridge;
import io.wirelab.devices.bulk.TcpBulkSender;
import io.wirelab.devices.bulk.TcpSink;
import io.wirelab.devices.bulk.TransferResult;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapngWriter;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpCounters;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.stack.tcp.TcpSocketInfo;
import io.wirelab.stack.tcp.TcpState;
import io.wirelab.testing.FileWatch;
import io.wirelab.testing.SharedCaptures;
import io.wirelab.testing.Tools;
import io.wirelab.testing.Tshark;
import io.wirelab.testing.VethLab;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's differential tests: the Linux kernel (a Python socket script in a network namespace,
 * 198.18.0.1) against an emulated host with the default TCP settings (198.18.0.2) through a veth pair
 * and the libpcap bridge, compared from tshark's capture on the veth. Each assertion names the issue
 * item it pins. Needs root, python3 and tshark; skips otherwise (fails under WIRELAB_REQUIRE_TOOLS=1).
 */
class LinuxDifferentialTest {
    static final String LINUX = "198.18.0.1", LAB = "198.18.0.2";
    static final TcpOptions DEFAULTS = TcpOptions.defaults();
    static final String RETRANSMISSION = "tcp.analysis.retransmission || tcp.analysis.fast_retransmission"
            + " || tcp.analysis.spurious_retransmission";

    final Simulator sim = new Simulator(1);
    final NetworkStack lab = new NetworkStack(sim, "lab");
    final Port labPort = new Port("lab:eth0", sim);
    VethLab veth;
    Bridge bridge;
    Capture tap;
    Process dumpcap;
    Path tapFile, wireFile, script;

    @AfterEach void cleanUp() throws IOException {
        if (tap != null) tap.close();
        if (bridge != null) bridge.close();
        if (veth != null) veth.close();
    }

    /** Namespace, bridge and tshark's dumpcap on the veth, capturing before the first frame. */
    void start(Path dir) throws Exception {
        Path dumpcapBin = Tools.require("dumpcap");
        Tools.require("tshark");
        Path python = Tools.require("python3");
        veth = VethLab.create(LINUX + "/24");
        script = dir.resolve("linux_peer.py");
        try (InputStream in = LinuxDifferentialTest.class.getResourceAsStream("linux_peer.py")) {
            Files.copy(in, script);
        }
        if (!VethLab.run(List.of(python.toString(), "-c", "import socket"), 20).ok()) Tools.unavailable("python3 does not run");
        lab.addInterface("eth0", labPort, MacAddress.local(0x0200)).configure(Ipv4Cidr.parse(LAB + "/24"));
        sim.enableRealTime();
        bridge = Bridge.overLibpcap(sim, "uplink", veth.bridged());
        Link.connect(sim, bridge.port(), labPort, LinkParams.DEFAULT);
        tapFile = dir.resolve("bridge.pcapng");
        wireFile = dir.resolve("veth.pcapng");
        tap = Capture.toFile(tapFile, Capture.Format.PCAPNG, PcapngWriter.DEFAULT_SNAPLEN, "bridge port").tap(bridge.port());
        dumpcap = veth.startHere(dumpcapBin.toString(), "-q", "-i", veth.bridged(), "-s", "200", "-w", wireFile.toString());
        FileWatch.await(wireFile, f -> f.toFile().length() > 0, Duration.ofSeconds(20), "dumpcap started writing " + wireFile);
        bridge.start();
    }

    /** Stops the bridge, then waits until dumpcap on the veth has written every frame the bridge saw. */
    Path finishCapture() throws Exception {
        bridge.close();
        tap.close();
        int expected = PcapReader.read(tapFile).records().size();
        FileWatch.await(wireFile, f -> frames(f) >= expected, Duration.ofSeconds(30), "dumpcap wrote " + expected + " frames");
        dumpcap.destroy();
        assertThat(dumpcap.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return wireFile;
    }

    static int frames(Path capture) {
        try {
            return PcapReader.read(capture).records().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Python script in the namespace; its output lines are collected, each wakes the lab up. */
    final class LinuxPeer {
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        LinuxPeer(String... args) {
            List<String> c = new ArrayList<>(List.of("python3", script.toString()));
            c.addAll(List.of(args));
            process = veth.start(c.toArray(String[]::new));
            Thread.ofPlatform().daemon().start(() -> collect(process.getInputStream()));
            Thread.ofPlatform().daemon().start(() -> collect(process.getErrorStream()));
            process.onExit().thenRun(() -> sim.realTime().post(() -> {}));
        }

        private void collect(InputStream stream) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    lines.add(l);
                    sim.realTime().post(() -> {});
                }
            } catch (IOException closed) {
                // the process ended
            }
        }

        boolean printed(String prefix) {
            synchronized (lines) { return lines.stream().anyMatch(l -> l.startsWith(prefix)); }
        }

        /** Runs the lab until the script printed 'ready' (it listens). */
        LinuxPeer awaitReady() {
            assertThat(sim.runUntil(() -> printed("ready") || !process.isAlive(), SimTime.seconds(20))).as("%s", lines).isTrue();
            assertThat(printed("ready")).as("%s", lines).isTrue();
            return this;
        }

        /** Runs the lab until the script exits; returns its output. */
        String awaitExit(long timeoutSeconds) {
            sim.runUntil(() -> !process.isAlive(), SimTime.seconds(timeoutSeconds));
            assertThat(process.isAlive()).as("script still running: %s", lines).isFalse();
            assertThat(process.exitValue()).as("%s", lines).isZero();
            synchronized (lines) { return String.join("\n", lines); }
        }
    }

    /** One TCP segment as tshark decodes it from the veth capture. */
    record Segment(String src, int srcPort, int dstPort, int stream, String flags, int len, String optionKinds,
                   String mss, String windowShift, int window) {
        boolean from(String host) { return src.equals(host); }
        boolean syn() { return flags.charAt(10) == 'S'; }
        boolean ack() { return flags.charAt(7) == 'A'; }
        boolean fin() { return flags.charAt(11) == 'F'; }
        boolean pureAck() { return len == 0 && ack() && !syn() && !fin() && flags.charAt(9) != 'R'; }
    }

    static List<Segment> segments(Path capture) {
        List<Segment> out = new ArrayList<>();
        for (List<String> r : Tshark.fields(capture, "tcp", "ip.src", "tcp.srcport", "tcp.dstport", "tcp.stream",
                "tcp.flags.str", "tcp.len", "tcp.option_kind", "tcp.options.mss_val", "tcp.options.wscale.shift",
                "tcp.window_size_value"))
            out.add(new Segment(r.get(0), Integer.parseInt(r.get(1)), Integer.parseInt(r.get(2)), Integer.parseInt(r.get(3)),
                    r.get(4), Integer.parseInt(r.get(5)), r.get(6), r.get(7), r.get(8), Integer.parseInt(r.get(9))));
        return out;
    }

    static Segment synFrom(List<Segment> segments, String host, boolean synAck) {
        return segments.stream().filter(s -> s.from(host) && s.syn() && s.ack() == synAck).findFirst()
                .orElseThrow(() -> new AssertionError("no " + (synAck ? "SYN-ACK" : "SYN") + " from " + host + " in " + segments));
    }

    static int retransmissions(Path capture, int stream) {
        return Tshark.count(capture, "tcp.stream == " + stream + " && (" + RETRANSMISSION + ")");
    }

    /** Accepts on port and, once request bytes have arrived, writes response bytes; closes after it when closeAfter. */
    TcpSocket[] respondOnce(int port, int request, int response, boolean closeAfter) {
        TcpSocket[] accepted = new TcpSocket[1];
        lab.tcp().listen(port, DEFAULTS, 8, s -> {
            accepted[0] = s;
            int[] got = {0};
            byte[] buf = new byte[4096];
            s.onReadable(() -> {
                for (int n; (n = s.read(buf)) != 0; ) {
                    if (n < 0) { s.close(); return; }
                    got[0] += n;
                    if (got[0] == request) {
                        s.write(new byte[response]);
                        if (closeAfter) s.close();
                    }
                }
            });
        });
        return accepted;
    }

    @Test void handshakeOptionsWindowScaleMssAndSynWindowsMatchLinuxBothWays(@TempDir Path dir) throws Exception {
        start(dir);
        TcpSink sink = new TcpSink(lab, 5001, DEFAULTS);
        new LinuxPeer("connect", LAB, "5001", "source", "1000").awaitExit(30);
        LinuxPeer linuxSink = new LinuxPeer("listen", LINUX, "5002", "sink").awaitReady();
        CompletableFuture<TransferResult> sent = TcpBulkSender.send(lab, Ipv4Address.parse(LINUX), 5002, 1000, DEFAULTS);
        assertThat(linuxSink.awaitExit(30)).contains("sink bytes=1000 pattern=True");
        assertThat(sim.runUntil(sent, SimTime.seconds(10))).isTrue();
        assertThat(sink.sessions()).singleElement().satisfies(s -> assertThat(s.bytes()).isEqualTo(1000));
        List<Segment> seg = segments(finishCapture());

        Segment linuxSyn = synFrom(seg, LINUX, false), labSynAck = synFrom(seg, LAB, true);
        Segment labSyn = synFrom(seg, LAB, false), linuxSynAck = synFrom(seg, LINUX, true);
        Path reference = SharedCaptures.file("http-keepalive.pcapng");
        List<Segment> ref = segments(reference);
        Segment refSyn = ref.stream().filter(s -> s.syn() && !s.ack()).findFirst().orElseThrow();
        Segment refSynAck = ref.stream().filter(s -> s.syn() && s.ack()).findFirst().orElseThrow();
        String facts = "Linux SYN " + linuxSyn + "\nLinux SYN-ACK " + linuxSynAck + "\nlab SYN " + labSyn + "\nlab SYN-ACK " + labSynAck;

        // the veth shows what the reference capture shows: Linux's SYN as in http-keepalive.pcapng
        assertThat(linuxSyn.optionKinds()).as(facts).isEqualTo(refSyn.optionKinds());
        assertThat(linuxSyn.window()).as(facts).isEqualTo(refSyn.window());
        assertThat(List.of(labSyn.mss(), labSynAck.mss())).as(facts).containsOnly(linuxSyn.mss(), "1460");
        // profile linux: MSS, SACK_PERM, TS, NOP, WS as Linux (today: timestamps off, MSS NOP NOP SACK_PERM NOP WS)
        assertThat(labSyn.optionKinds()).as(facts).isEqualTo(linuxSyn.optionKinds());
        assertThat(labSynAck.optionKinds()).as(facts).isEqualTo(linuxSynAck.optionKinds()).isEqualTo(refSynAck.optionKinds());
        // profile linux: window scale 7 (Linux 6.12, tcp_rmem[2] 6 MiB; 6.16+ with 32 MiB says 10); today 3
        assertThat(List.of(labSyn.windowShift(), labSynAck.windowShift())).as(facts).containsOnly("7");
        // profile linux: SYN window 64240 and SYN-ACK window 65160 as Linux advertises (today 65535 both: defect 8)
        assertThat(labSyn.window()).as(facts).isEqualTo(linuxSyn.window());
        assertThat(labSynAck.window()).as(facts).isEqualTo(linuxSynAck.window()).isEqualTo(refSynAck.window());
    }

    /** Pure ACKs the receiver sent per data segment it received, on one connection. */
    static double ackRatio(List<Segment> segments, int stream, String receiver) {
        long data = segments.stream().filter(s -> s.stream() == stream && !s.from(receiver) && s.len() > 0).count();
        long acks = segments.stream().filter(s -> s.stream() == stream && s.from(receiver) && s.pureAck()).count();
        assertThat(data).isPositive();
        return (double) acks / data;
    }

    @Test void bulkBothWaysAcksEverySecondSegmentAndNeverRetransmitsOnACleanPath(@TempDir Path dir) throws Exception {
        int size = 4_000_000;
        // profile linux has timestamps on; set here so the ACK ratio pins defect 4 whatever the default
        TcpOptions opts = DEFAULTS.withTimestamps(true);
        start(dir);
        TcpSink sink = new TcpSink(lab, 5003, opts);
        new LinuxPeer("connect", LAB, "5003", "source", Integer.toString(size)).awaitExit(120);
        LinuxPeer linuxSink = new LinuxPeer("listen", LINUX, "5004", "sink").awaitReady();
        CompletableFuture<TransferResult> sent = TcpBulkSender.send(lab, Ipv4Address.parse(LINUX), 5004, size, opts);
        assertThat(linuxSink.awaitExit(120)).contains("sink bytes=" + size + " pattern=True");
        assertThat(sim.runUntil(sent, SimTime.seconds(10))).isTrue();
        assertThat(sink.sessions()).singleElement().satisfies(s -> {
            assertThat(s.bytes()).isEqualTo(size);
            assertThat(s.mismatches()).isZero();
        });
        assertThat(bridge.counters().drops()).as("the bridge itself lost nothing").isEmpty();
        Path wire = finishCapture();
        List<Segment> seg = segments(wire);
        int intoLab = seg.stream().filter(s -> s.dstPort() == 5003).findFirst().orElseThrow().stream();
        int intoLinux = seg.stream().filter(s -> s.dstPort() == 5004).findFirst().orElseThrow().stream();

        double labRatio = ackRatio(seg, intoLab, LAB), linuxRatio = ackRatio(seg, intoLinux, LINUX);
        TcpCounters labTcp = lab.tcp().counters();
        long labProbesAndFast = labTcp.get(TcpCounters.Event.TX_LOSS_PROBE) + labTcp.get(TcpCounters.Event.TX_FAST_RETRANSMIT);
        String facts = String.format("ACKs per data segment: lab receiver %.3f, Linux receiver %.3f; retransmissions into lab %d, into Linux %d; lab TCP %s",
                labRatio, linuxRatio, retransmissions(wire, intoLab), retransmissions(wire, intoLinux), labTcp);
        System.out.println(facts);
        // RFC 5681 §4.2, Linux __tcp_ack_snd_check: an ACK at least for every second full segment, plus quick-ACKs
        // and window updates (defect 4: every third with timestamps, 0.39 before the fix). Linux's own ratio is lower
        // and not a bound: it delays while a slow reader would shrink the window, and GRO merges segments
        // (0.26 to 0.42 here, 0.15 in tcp-bulk-loss.pcapng).
        assertThat(labRatio).as(facts).isBetween(0.45, 0.7);
        // Defect 1 (spurious retransmission at RTO = SRTT + 200 ms): the lab's retransmission timer never fires on a clean
        // path. A stall of the real-time loop (a busy CI machine) may still delay Linux's ACKs past the lab's tail-loss
        // probe (2 x SRTT + 2 ms, as Linux's own probes into the lab show then), so a resend must be a probe or fast retransmit
        assertThat(labTcp.get(TcpCounters.Event.TIMEOUTS)).as(facts).isZero();
        assertThat((long) retransmissions(wire, intoLinux)).as(facts).isLessThanOrEqualTo(labProbesAndFast);
        // Into the lab only a resend of acknowledged data counts: the bridge runs in real time, and when the JVM stalls
        // Linux's tail-loss probe resends what the lab holds but has not acknowledged yet, or frames the bridge missed
        assertThat(Tshark.count(wire, "tcp.stream == " + intoLab + " && tcp.analysis.spurious_retransmission")).as(facts).isZero();
    }

    static boolean holdsTimeWait(List<TcpSocketInfo> table, int localPort, int remotePort) {
        return table.stream().anyMatch(i -> i.state() == TcpState.TIME_WAIT && i.localPort() == localPort && i.remotePort() == remotePort);
    }

    /** Lines of `ss -tan state time-wait` in the namespace that name the lab's port. */
    List<String> linuxTimeWait(int labPort) {
        VethLab.Result ss = veth.exec(20, "ss", "-tanH", "state", "time-wait");
        assertThat(ss.ok()).as("%s", ss).isTrue();
        return ss.stdout().lines().filter(l -> l.contains(LAB + ":" + labPort)).toList();
    }

    static int localPortOf(String requestOutput) {
        String local = requestOutput.lines().filter(l -> l.startsWith("request local=")).findFirst().orElseThrow().split("[ =]")[2];
        return Integer.parseInt(local.substring(local.indexOf(':') + 1));
    }

    @Test void theActiveCloserHoldsTimeWaitOnEachSide(@TempDir Path dir) throws Exception {
        start(dir);
        // server closes after its response, the client closes once it has read it (HTTP/1.0, Connection: close)
        TcpSocket[] serverCloses = respondOnce(5005, 100, 300, true);
        String first = new LinuxPeer("connect", LAB, "5005", "request", "100", "300").awaitExit(30);
        int firstPort = localPortOf(first);
        assertThat(sim.runUntil(() -> serverCloses[0] != null && serverCloses[0].state() == TcpState.TIME_WAIT, SimTime.seconds(5)))
                .as("lab server in TIME-WAIT: %s", lab.tcp().sockets()).isTrue();
        List<String> linuxAfterFirst = linuxTimeWait(5005);
        // the client closes first (keep-alive connection the client ends)
        TcpSocket[] clientCloses = respondOnce(5006, 100, 300, false);
        String second = new LinuxPeer("connect", LAB, "5006", "request", "100", "300").awaitExit(30);
        int secondPort = localPortOf(second);
        assertThat(sim.runUntil(() -> clientCloses[0] != null && clientCloses[0].state() == TcpState.CLOSED, SimTime.seconds(5)))
                .as("lab server closed: %s", lab.tcp().sockets()).isTrue();
        List<String> linuxAfterSecond = linuxTimeWait(5006);
        List<TcpSocketInfo> table = lab.tcp().sockets();
        List<Segment> seg = segments(finishCapture());
        String facts = "lab " + table + "\nLinux time-wait " + linuxAfterFirst + " " + linuxAfterSecond;

        assertThat(holdsTimeWait(table, 5005, firstPort)).as(facts).isTrue();
        // defect 7: only the server, the active closer, holds TIME-WAIT (today the client may close before the FIN arrives)
        assertThat(linuxAfterFirst).as(facts).isEmpty();
        assertThat(holdsTimeWait(table, 5006, secondPort)).as(facts).isFalse();
        assertThat(linuxAfterSecond).as(facts).singleElement().asString().contains(LINUX + ":" + secondPort);
        // defect 7: close() with the response still queued puts the FIN on its last data segment (tcp_send_fin)
        List<Segment> labFins = seg.stream().filter(s -> s.srcPort() == 5005 && s.fin()).toList();
        assertThat(labFins).as(facts + "\n" + seg).singleElement().satisfies(f -> assertThat(f.len()).isPositive());
    }
}
