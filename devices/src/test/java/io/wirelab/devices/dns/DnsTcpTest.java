package io.wirelab.devices.dns;

import io.wirelab.devices.dns.resolver.ResolverConfig;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpCloseReason;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.stack.tcp.TcpState;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.dns.DnsMessage;
import io.wirelab.wire.dns.DnsQuestion;
import io.wirelab.wire.dns.DnsRecordType;
import io.wirelab.wire.dns.DnsTcpFraming;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DNS over TCP port 53 (RFC 7766) between two stacks, and the stub resolver's fallback on TC. */
class DnsTcpTest {
    static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.53");
    static final TcpOptions SERVER_TCP = TcpOptions.defaults().withMss(1000);

    final Simulator sim = new Simulator(11);
    final NetworkStack srv = new NetworkStack(sim, "dns1");
    final NetworkStack pc = new NetworkStack(sim, "pc1");
    final DnsServer dns;
    final List<String> synMss = new ArrayList<>();   // "SYN 600" / "SYN-ACK 1000", as the pc's port sees them

    DnsTcpTest() {
        Port a = new Port("dns1:eth0", sim), b = new Port("pc1:eth0", sim);
        Link.connect(sim, a, b, LinkParams.DEFAULT);
        srv.addInterface("eth0", a, MacAddress.local(0x53)).configure(Ipv4Cidr.parse("10.0.0.53/24"));
        pc.addInterface("eth0", b, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        Zone z = Zone.of("lab.test").a("www", "10.0.0.80");
        for (int i = 0; i < 40; i++) z.a("big", "10.0.1." + i);   // 40 A records: about 700 bytes, over the 512-byte UDP limit
        dns = new DnsServer(srv, SERVER_TCP).addZone(z).start();
        b.addTap((port, dir, frame, now) -> {
            byte[] f = frame.bytes();
            if (f.length < 54 || f[23] != 6) return;                  // IPv4 (20-byte header) carrying TCP
            TcpView v = new TcpView().wrap(f, 34, f.length - 34);
            if (v.validate() != Malformed.NONE) return;
            TcpHeader h = TcpHeader.from(v);
            if (h.syn()) synMss.add((h.has(TcpFlags.ACK) ? "SYN-ACK " : "SYN ") + h.mss());
        });
    }

    static byte[] query(int id, String name) {
        return DnsTcpFraming.frame(DnsMessage.query(id, DnsQuestion.in(name, DnsRecordType.A), true).encode());
    }

    TcpSocket connect() {
        var f = pc.tcp().connect(SERVER, 53);
        assertThat(sim.runUntil(f, SimTime.seconds(5))).isTrue();
        return f.join();
    }

    /** Everything readable now, as DNS messages. */
    static List<DnsMessage> drain(TcpSocket s, DnsTcpFraming framing) {
        List<DnsMessage> out = new ArrayList<>();
        byte[] buf = new byte[2048];
        int n;
        while ((n = s.read(buf, 0, buf.length)) > 0)
            for (byte[] m : framing.feed(buf, 0, n)) out.add(DnsMessage.parse(m).message());
        return out;
    }

    @Test
    void truncatedUdpAnswer_resolverRetriesOverTcp_andGetsEveryRecord() {
        StubResolver r = new StubResolver(pc, ResolverConfig.defaults().withServers(List.of(SERVER)), TcpOptions.defaults());
        var f = r.resolve("big.lab.test.");
        assertThat(sim.runUntil(f, SimTime.seconds(10))).isTrue();
        assertThat(f.join()).hasSize(40).contains(Ipv4Address.parse("10.0.1.0"), Ipv4Address.parse("10.0.1.39"));
        assertThat(dns.counter("dns.tx.truncated")).isEqualTo(1);
        assertThat(r.counter("resolver.rx.truncated")).isEqualTo(1);
        assertThat(r.counter("resolver.tcp.connect")).isEqualTo(1);
        assertThat(r.counter("resolver.rx.tcp")).isEqualTo(1);
        assertThat(dns.counter("dns.tcp.accept")).isEqualTo(1);
        assertThat(dns.counter("dns.rx.tcp")).isEqualTo(1);
        // the resolver closed after its answer; the server follows without waiting for the idle timer
        sim.runFor(SimTime.seconds(1));
        assertThat(dns.tcpConnections()).isZero();
        assertThat(dns.counter("dns.tcp.idle_close")).isZero();
        // the answer is cached like a UDP one
        assertThat(r.query("big.lab.test.", DnsRecordType.A).join().fromCache()).isTrue();
    }

    @Test
    void resolverAndServer_openTcpWithTheSettingsTheyWereGiven() {
        StubResolver r = new StubResolver(pc, ResolverConfig.defaults().withServers(List.of(SERVER)), TcpOptions.defaults().withMss(600));
        var f = r.resolve("big.lab.test.");
        assertThat(sim.runUntil(f, SimTime.seconds(10))).isTrue();
        assertThat(synMss).containsExactly("SYN 600", "SYN-ACK 1000");
    }

    @Test
    void smallAnswer_staysOnUdp() {
        StubResolver r = new StubResolver(pc, ResolverConfig.defaults().withServers(List.of(SERVER)), TcpOptions.defaults());
        var f = r.resolve("www.lab.test.");
        sim.runUntil(f, SimTime.seconds(10));
        assertThat(f.join()).containsExactly(Ipv4Address.parse("10.0.0.80"));
        assertThat(dns.counter("dns.tcp.accept")).isZero();
        assertThat(r.counter("resolver.rx.truncated")).isZero();
        // nslookup-style: past the cache to the server, and nothing stored
        long asked = dns.counter("dns.rx.query");
        var direct = r.query("www.lab.test.", DnsRecordType.A, false);
        assertThat(direct).isNotDone();
        sim.runUntil(direct, SimTime.seconds(10));
        assertThat(direct.join().authoritative()).isTrue();
        assertThat(direct.join().fromCache()).isFalse();
        assertThat(dns.counter("dns.rx.query")).isEqualTo(asked + 1);
        r.flushCache();
        var after = r.query("nosuch.lab.test.", DnsRecordType.A, false);
        sim.runUntil(after, SimTime.seconds(10));
        assertThat(r.query("nosuch.lab.test.", DnsRecordType.A)).isNotDone();   // the negative answer was not cached
    }

    @Test
    void severalQueriesOnOneConnection_splitAcrossSegments_answeredInOrder_thenIdleClose() {
        TcpSocket s = connect();
        List<TcpCloseReason> closed = new ArrayList<>();
        s.onClosed(closed::add);
        byte[] q1 = query(1, "big.lab.test"), q2 = query(2, "www.lab.test");
        byte[] both = Arrays.copyOf(q1, q1.length + q2.length);
        System.arraycopy(q2, 0, both, q1.length, q2.length);
        s.write(both, 0, 5);                                    // half a length prefix and header first
        sim.runFor(SimTime.millis(50));
        assertThat(dns.counter("dns.rx.tcp")).isZero();
        s.write(both, 5, both.length - 5);
        sim.runFor(SimTime.millis(50));
        DnsTcpFraming framing = new DnsTcpFraming();
        List<DnsMessage> answers = drain(s, framing);
        assertThat(answers).extracting(m -> m.header().id()).containsExactly(1, 2);
        assertThat(answers.get(0).header().tc()).isFalse();     // no 512-byte limit over TCP
        assertThat(answers.get(0).answers()).hasSize(40);
        assertThat(answers.get(1).header().aa()).isTrue();
        assertThat(answers.get(1).answers()).hasSize(1);

        // a third query later on the same connection restarts the idle timer
        sim.runFor(SimTime.seconds(8));
        s.write(query(3, "www.lab.test"));
        sim.runFor(SimTime.seconds(8));
        assertThat(drain(s, framing)).extracting(m -> m.header().id()).containsExactly(3);
        assertThat(s.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(dns.tcpConnections()).isEqualTo(1);

        sim.runFor(SimTime.seconds(3));                          // 11 s without a query: the server closes
        assertThat(dns.counter("dns.tcp.idle_close")).isEqualTo(1);
        assertThat(dns.tcpConnections()).isZero();
        assertThat(s.read(new byte[16], 0, 16)).isEqualTo(-1);
        assertThat(dns.counter("dns.tcp.accept")).isEqualTo(1);
        assertThat(dns.counter("dns.tx.response.tcp")).isEqualTo(3);
    }

    @Test
    void clientHalfClose_serverAnswersThenCloses() {
        TcpSocket s = connect();
        s.write(query(9, "www.lab.test"));
        s.shutdownOutput();
        sim.runFor(SimTime.millis(100));
        assertThat(drain(s, new DnsTcpFraming())).extracting(m -> m.header().id()).containsExactly(9);
        assertThat(s.read(new byte[16], 0, 16)).isEqualTo(-1);
        assertThat(dns.tcpConnections()).isZero();
        assertThat(dns.counter("dns.tcp.idle_close")).isZero();
    }

    @Test
    void garbageOnTheStream_getsFormErrOrNothing_neverAnException() {
        TcpSocket s = connect();
        s.write(new byte[] {0, 3, (byte) 0xff, 0, 1});          // a 3-byte "message": too short for a header
        s.write(DnsTcpFraming.frame(new byte[] {0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9}));   // header, then a cut question
        sim.runFor(SimTime.millis(100));
        List<DnsMessage> answers = drain(s, new DnsTcpFraming());
        assertThat(answers).extracting(m -> m.header().id()).containsExactly(7);
        assertThat(answers.getFirst().header().rcode()).isEqualTo(io.wirelab.wire.dns.DnsRcode.FORMERR);
        assertThat(dns.counter("dns.rx.tcp")).isEqualTo(2);
    }
}
