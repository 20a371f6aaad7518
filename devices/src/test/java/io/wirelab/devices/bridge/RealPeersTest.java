package io.wirelab.devices.bridge;

import io.wirelab.bridge.Bridge;
import io.wirelab.devices.dhcp.DhcpPoolConfig;
import io.wirelab.devices.dhcp.DhcpServer;
import io.wirelab.devices.dns.DnsServer;
import io.wirelab.devices.dns.Zone;
import io.wirelab.devices.stream.TcpTransport;
import io.wirelab.devices.tls.KeyLogSink;
import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.tls.TlsServerEndpoint;
import io.wirelab.devices.tls.TlsVersions;
import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.HttpServerConfig;
import io.wirelab.devices.web.Site;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.testing.Tools;
import io.wirelab.testing.VethLab;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Linux programs in a network namespace against the emulated servers, through a veth pair and
 * a libpcap bridge: dig, udhcpc (busybox), curl (HTTP, HTTPS with the lab CA), ab. Addresses in
 * 198.18.0.0/24 only: the peer is .1 (or leased), the emulated server .2. Needs root; skips otherwise.
 */
class RealPeersTest {
    static final String SERVER = "198.18.0.2";

    final Simulator sim = new Simulator(1);
    final NetworkStack srv = new NetworkStack(sim, "srv");
    final Port srvPort = new Port("srv:eth0", sim);
    VethLab veth;
    Bridge bridge;

    @AfterEach void cleanUp() {
        if (bridge != null) bridge.close();
        if (veth != null) veth.close();
    }

    void bridgeTo(String peerCidr) throws Exception {
        veth = VethLab.create(peerCidr);
        srv.addInterface("eth0", srvPort, MacAddress.local(0x0200)).configure(Ipv4Cidr.parse(SERVER + "/24"));
        sim.enableRealTime();
        bridge = Bridge.overLibpcap(sim, "uplink", veth.bridged());
        Link.connect(sim, bridge.port(), srvPort, LinkParams.DEFAULT);
        bridge.start();
    }

    /** Runs a program in the peer namespace while the lab runs; returns its output (stdout + stderr). */
    VethLab.Result peer(long timeoutSeconds, String... command) throws Exception {
        Path out = Files.createTempFile("wirelab-peer", ".out");
        try {
            List<String> c = new java.util.ArrayList<>(List.of("ip", "netns", "exec", veth.namespace()));
            c.addAll(List.of(command));
            Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            p.onExit().thenRun(() -> sim.realTime().post(() -> {}));
            sim.runUntil(() -> !p.isAlive(), SimTime.seconds(timeoutSeconds));
            if (p.isAlive()) p.destroyForcibly().waitFor();
            return new VethLab.Result(p.waitFor(), Files.readString(out, StandardCharsets.UTF_8), "");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test void digAsksTheEmulatedDnsServerOverUdpAndTcp() throws Exception {
        Tools.require("dig");
        bridgeTo("198.18.0.1/24");
        new DnsServer(srv, TcpOptions.defaults()).addZone(Zone.of("lab.test").a("www", "198.18.0.80").a("@", SERVER)).start();
        VethLab.Result udp = peer(20, "dig", "@" + SERVER, "www.lab.test", "A", "+short", "+tries=1", "+time=3");
        assertThat(udp.exitCode()).as(udp.toString()).isZero();
        assertThat(udp.stdout().strip()).isEqualTo("198.18.0.80");
        VethLab.Result tcp = peer(20, "dig", "@" + SERVER, "www.lab.test", "A", "+tcp", "+tries=1", "+time=3");
        assertThat(tcp.exitCode()).as(tcp.toString()).isZero();
        assertThat(tcp.stdout()).contains("status: NOERROR").contains("198.18.0.80").contains("(TCP)");
        VethLab.Result missing = peer(20, "dig", "@" + SERVER, "nope.lab.test", "A", "+tries=1", "+time=3");
        assertThat(missing.stdout()).contains("status: NXDOMAIN");
    }

    @Test void udhcpcGetsALeaseFromTheEmulatedDhcpServer() throws Exception {
        Tools.require("busybox");
        bridgeTo(null);
        DhcpServer dhcp = new DhcpServer(srv, sim)
                .addPool(DhcpPoolConfig.of("198.18.0.0/24", "198.18.0.100", "198.18.0.199", SERVER, SERVER, "lab.test", 3600))
                .start();
        VethLab.Result r = peer(30, "busybox", "udhcpc", "-i", veth.peer(), "-f", "-q", "-n", "-t", "5", "-T", "2", "-s", "/bin/true");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("lease of 198.18.0.100 obtained");
        assertThat(dhcp.activeLeases()).hasSize(1);
        // asking again for the address it holds (REQUEST with option 50) gets the same lease back
        VethLab.Result again = peer(30, "busybox", "udhcpc", "-i", veth.peer(), "-f", "-q", "-n", "-t", "5", "-T", "2",
                "-r", "198.18.0.100", "-s", "/bin/true");
        assertThat(again.stdout()).contains("lease of 198.18.0.100 obtained");
        assertThat(dhcp.activeLeases()).hasSize(1);
    }

    @Test void udhcpcRenewsItsLeaseWithTheEmulatedServer(@TempDir Path dir) throws Exception {
        Tools.require("busybox");
        bridgeTo(null);
        DhcpServer dhcp = new DhcpServer(srv, sim)
                .addPool(DhcpPoolConfig.of("198.18.0.0/24", "198.18.0.100", "198.18.0.199", SERVER, SERVER, "lab.test", 3600))
                .start();
        // the script puts the leased address on the interface, so the renewal can go out unicast (RFC 2131 §4.4.5)
        Path script = dir.resolve("udhcpc.sh");
        Files.writeString(script, "#!/bin/sh\ncase \"$1\" in bound|renew) ip addr replace \"$ip/$mask\" dev \"$interface\";; esac\nexit 0\n");
        script.toFile().setExecutable(true);
        // busybox udhcpc reports on stderr
        Process udhcpc = veth.start("busybox", "udhcpc", "-i", veth.peer(), "-f", "-t", "5", "-T", "2", "-s", script.toString());
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(udhcpc.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    lines.add(l);
                    sim.realTime().post(() -> {});
                }
            } catch (java.io.IOException closed) {
                // the process ended
            }
        });
        java.util.function.IntSupplier obtained = () -> {
            synchronized (lines) { return (int) lines.stream().filter(l -> l.contains("lease of 198.18.0.100 obtained")).count(); }
        };
        assertThat(sim.runUntil(() -> obtained.getAsInt() >= 1, SimTime.seconds(30))).as("%s", lines).isTrue();
        new ProcessBuilder("kill", "-USR1", Long.toString(udhcpc.pid())).start().waitFor();   // busybox: SIGUSR1 = renew now
        assertThat(sim.runUntil(() -> obtained.getAsInt() >= 2, SimTime.seconds(30))).as("%s", lines).isTrue();
        // real time: udhcpc may retransmit a REQUEST or DISCOVER when the machine is slow, never fewer
        assertThat(dhcp.counter("dhcp.rx.request")).as("%s", lines).isGreaterThanOrEqualTo(2);
        assertThat(dhcp.counter("dhcp.rx.discover")).as("%s", lines).isGreaterThanOrEqualTo(1);
        assertThat(dhcp.activeLeases()).hasSize(1);
        udhcpc.destroy();
        reader.join();
    }

    HttpServer webServer() {
        HttpServer web = new HttpServer(sim, HttpServerConfig.defaults());
        web.addSite(new Site(SERVER, "www.lab.test").put("/index.html", "Hello from the lab\n"));
        web.listen(new TcpTransport(srv.tcp(), TcpOptions.defaults().withNoDelay(true)), 80);
        return web;
    }

    @Test void curlFetchesFromTheEmulatedWebServerAndReusesTheConnection() throws Exception {
        Tools.require("curl");
        bridgeTo("198.18.0.1/24");
        webServer();
        VethLab.Result r = peer(30, "curl", "-sS", "-v", "--max-time", "10", "http://" + SERVER + "/", "http://" + SERVER + "/");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Hello from the lab").contains("HTTP/1.1 200");
        assertThat(r.stdout()).containsPattern("(Re-using|Reusing) existing connection");
    }

    @Test void curlFetchesOverHttpsTrustingTheLabCa(@TempDir Path dir) throws Exception {
        Tools.require("curl");
        bridgeTo("198.18.0.1/24");
        HttpServer web = webServer();
        LabCa ca = LabCa.create(sim.random("lab-ca"), HttpServerConfig.DEFAULT_EPOCH, "wirelab lab CA");
        TlsServerEndpoint tls = new TlsServerEndpoint(sim, "tls/srv", ca.issue(List.of("www.lab.test"),
                List.of(io.wirelab.wire.ipv4.Ipv4Address.parse(SERVER))), TlsVersions.TLS13_AND_12, KeyLogSink.NONE);
        web.listen(new TcpTransport(srv.tcp(), TcpOptions.defaults().withNoDelay(true)), 443, tls::accept);
        Path caFile = dir.resolve("lab-ca.pem");
        Files.writeString(caFile, ca.certificatePem());
        VethLab.Result r = peer(30, "curl", "-sS", "-v", "--max-time", "10", "--cacert", caFile.toString(),
                "--resolve", "www.lab.test:443:" + SERVER, "https://www.lab.test/", "https://www.lab.test/");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Hello from the lab").contains("SSL certificate verify ok");
        assertThat(tls.handshakes()).hasSize(1);
    }

    @Test void abKeepAliveLoadGetsEveryAnswer() throws Exception {
        Tools.require("ab");
        bridgeTo("198.18.0.1/24");
        webServer();
        VethLab.Result r = peer(300, "ab", "-k", "-n", "10000", "-c", "50", "-s", "20", "http://" + SERVER + "/");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Complete requests:      10000").contains("Failed requests:        0")
                .doesNotContain("Non-2xx responses");
        Matcher m = Pattern.compile("Requests per second:\\s+([0-9.]+)").matcher(r.stdout());
        assertThat(m.find()).isTrue();
        System.out.println("ab -k -n 10000 -c 50 through the bridge: " + m.group(1) + " requests/s; bridge " + bridge.counters());
        VethLab.Result after = peer(30, "curl", "-sS", "--max-time", "10", "http://" + SERVER + "/");
        assertThat(after.stdout()).contains("Hello from the lab");
    }
}
