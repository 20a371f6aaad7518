package io.wirelab.devices.dns;

import io.wirelab.devices.dns.resolver.ResolveException;
import io.wirelab.devices.dns.resolver.ResolverConfig;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.dns.DnsHeader;
import io.wirelab.wire.dns.DnsMessage;
import io.wirelab.wire.dns.DnsName;
import io.wirelab.wire.dns.DnsQuestion;
import io.wirelab.wire.dns.DnsRcode;
import io.wirelab.wire.dns.DnsRdata;
import io.wirelab.wire.dns.DnsRecord;
import io.wirelab.wire.dns.DnsRecordType;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsServerTest {
    final Simulator sim = new Simulator(3);

    Zone zone() {
        Zone z = Zone.of("lab.test").ns("@", "ns1").a("ns1", "10.0.0.53").a("www", "10.0.0.10").cname("alias", "www")
                .cname("out", "www.example.org.").mx("@", 10, "mail").txt("@", "v=spf1 -all").aaaa("www", "2001:db8::10")
                .a("a.deep", "10.0.0.99");
        for (int i = 0; i < 40; i++) z.a("big", "10.0.1." + i);
        return z;
    }

    DnsServer server() { return new DnsServer(new NetworkStack(sim, "dns1"), TcpOptions.defaults()).addZone(zone()); }

    DnsMessage ask(DnsServer s, String name, DnsRecordType t) {
        byte[] r = s.respond(DnsMessage.query(77, DnsQuestion.in(name, t), true).encode(), true);
        return DnsMessage.parse(r).message();
    }

    @Test
    void positiveAnswer_isAuthoritative_caseInsensitive_keepsAskedCase() {
        DnsMessage r = ask(server(), "WWW.Lab.Test", DnsRecordType.A);
        assertThat(r.header().aa()).isTrue();
        assertThat(r.header().qr()).isTrue();
        assertThat(r.header().rd()).isTrue();
        assertThat(r.header().ra()).isFalse();
        assertThat(r.header().id()).isEqualTo(77);
        assertThat(r.answers()).containsExactly(DnsRecord.a("WWW.Lab.Test", 300, "10.0.0.10"));
        assertThat(r.authorities()).extracting(DnsRecord::type).containsExactly(DnsRecordType.NS);
    }

    @Test
    void cname_isChasedInsideZone_butNotOutside() {
        DnsMessage r = ask(server(), "alias.lab.test", DnsRecordType.A);
        assertThat(r.answers()).extracting(DnsRecord::type).containsExactly(DnsRecordType.CNAME, DnsRecordType.A);
        DnsMessage out = ask(server(), "out.lab.test", DnsRecordType.A);
        assertThat(out.answers()).hasSize(1);
        assertThat(out.header().rcode()).isEqualTo(DnsRcode.NOERROR);
    }

    @Test
    void nxdomain_nodata_emptyNonTerminal_refused() {
        DnsMessage nx = ask(server(), "nosuch.lab.test", DnsRecordType.A);
        assertThat(nx.header().rcode()).isEqualTo(DnsRcode.NXDOMAIN);
        assertThat(nx.authorities()).extracting(DnsRecord::type).containsExactly(DnsRecordType.SOA);
        assertThat(nx.authorities().getFirst().ttl()).isEqualTo(300);
        DnsMessage nodata = ask(server(), "www.lab.test", DnsRecordType.MX);
        assertThat(nodata.header().rcode()).isEqualTo(DnsRcode.NOERROR);
        assertThat(nodata.answers()).isEmpty();
        assertThat(nodata.authorities()).extracting(DnsRecord::type).containsExactly(DnsRecordType.SOA);
        assertThat(ask(server(), "deep.lab.test", DnsRecordType.A).header().rcode()).isEqualTo(DnsRcode.NOERROR);
        DnsMessage refused = ask(server(), "www.example.org", DnsRecordType.A);
        assertThat(refused.header().rcode()).isEqualTo(DnsRcode.REFUSED);
        assertThat(refused.header().aa()).isFalse();
    }

    @Test
    void otherTypes_mxTxtAaaa() {
        assertThat(ask(server(), "lab.test", DnsRecordType.MX).answers().getFirst().data()).isEqualTo(new DnsRdata.Mx(10, DnsName.of("mail.lab.test")));
        assertThat(ask(server(), "lab.test", DnsRecordType.TXT).answers().getFirst().data()).isEqualTo(new DnsRdata.Txt(List.of("v=spf1 -all")));
        assertThat(ask(server(), "www.lab.test", DnsRecordType.AAAA).answers().getFirst().data().toString()).isEqualTo("2001:db8::10");
    }

    @Test
    void over512BytesOnUdp_setsTc_andTcpPathSendsAll() {
        DnsServer s = server();
        byte[] q = DnsMessage.query(1, DnsQuestion.in("big.lab.test", DnsRecordType.A), true).encode();
        byte[] udp = s.respond(q, true);
        assertThat(udp.length).isLessThanOrEqualTo(512);
        DnsMessage r = DnsMessage.parse(udp).message();
        assertThat(r.header().tc()).isTrue();
        assertThat(r.answers()).isEmpty();
        assertThat(DnsMessage.parse(s.respond(q, false)).message().answers()).hasSize(40);
    }

    @Test
    void hostileQueries_formerrOrDrop_counted() {
        DnsServer s = server();
        byte[] loop = java.util.HexFormat.of().parseHex("0001010000010000000000000161c00c00010001");
        DnsMessage r = DnsMessage.parse(s.respond(loop, true)).message();
        assertThat(r.header().rcode()).isEqualTo(DnsRcode.FORMERR);
        assertThat(r.header().id()).isEqualTo(1);
        assertThat(s.respond(new byte[5], true)).isNull();
        byte[] response = ask(server(), "www.lab.test", DnsRecordType.A).encode();
        assertThat(s.respond(response, true)).isNull();
        assertThat(s.counter("dns.rx.drop.response")).isEqualTo(1);
        assertThat(s.counter("dns.rx.drop.truncated")).isEqualTo(1);
    }

    @Test
    void resolver_overUdp_searchDomain_cacheHitAndExpiry_negativeCaching_hosts() {
        Port a = new Port("dns1:eth0", sim), b = new Port("pc1:eth0", sim);
        Link.connect(sim, a, b, LinkParams.DEFAULT);
        NetworkStack srv = new NetworkStack(sim, "dns1");
        srv.addInterface("eth0", a, MacAddress.local(0x53)).configure(Ipv4Cidr.parse("10.0.0.53/24"));
        DnsServer dns = new DnsServer(srv, TcpOptions.defaults()).addZone(zone()).start();
        NetworkStack pc = new NetworkStack(sim, "pc1");
        pc.addInterface("eth0", b, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        StubResolver r = new StubResolver(pc, ResolverConfig.defaults().withServers(List.of(Ipv4Address.parse("10.0.0.53"))).withSearch(List.of("lab.test")), TcpOptions.defaults());

        var f = r.resolve("www");
        sim.runUntil(f, SimTime.seconds(10));
        assertThat(f.join()).containsExactly(Ipv4Address.parse("10.0.0.10"));
        long queries = dns.counter("dns.rx.query");
        var again = r.query("www.lab.test", DnsRecordType.A);
        assertThat(again).isDone();
        assertThat(again.join().fromCache()).isTrue();
        assertThat(dns.counter("dns.rx.query")).isEqualTo(queries);
        sim.runFor(SimTime.seconds(100));
        assertThat(r.query("www.lab.test", DnsRecordType.A).join().records().getFirst().ttl()).isEqualTo(200);
        sim.runFor(SimTime.seconds(201));
        var expired = r.query("www.lab.test", DnsRecordType.A);
        sim.runUntil(expired, SimTime.seconds(10));
        assertThat(expired.join().fromCache()).isFalse();
        assertThat(dns.counter("dns.rx.query")).isEqualTo(queries + 1);

        var nx = r.query("nosuch.lab.test.", DnsRecordType.A);
        sim.runUntil(nx, SimTime.seconds(10));
        assertThatThrownBy(nx::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ResolveException.class);
        long afterNx = dns.counter("dns.rx.query");
        assertThat(r.query("nosuch.lab.test.", DnsRecordType.A)).isCompletedExceptionally();
        assertThat(dns.counter("dns.rx.query")).isEqualTo(afterNx);   // RFC 2308 §5 negative cache

        r.addHost("printer", Ipv4Address.parse("10.0.0.9"));
        assertThat(r.resolve("printer.").join()).containsExactly(Ipv4Address.parse("10.0.0.9"));
    }

    @Test
    void resolver_deadServer_timesOutAfterRetries() {
        Port a = new Port("x:eth0", sim), b = new Port("pc1:eth0", sim);
        Link.connect(sim, a, b, LinkParams.DEFAULT);
        NetworkStack other = new NetworkStack(sim, "x");
        other.addInterface("eth0", a, MacAddress.local(0x53)).configure(Ipv4Cidr.parse("10.0.0.53/24"));
        NetworkStack pc = new NetworkStack(sim, "pc1");
        pc.addInterface("eth0", b, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        StubResolver r = new StubResolver(pc, ResolverConfig.defaults().withServers(List.of(Ipv4Address.parse("10.0.0.99"))).withTimeout(SimTime.seconds(2), 3), TcpOptions.defaults());
        long start = sim.now();
        var f = r.resolve("www.lab.test.");
        sim.runUntil(f, SimTime.seconds(60));
        assertThat(f).isCompletedExceptionally();
        assertThat(r.counter("resolver.tx.query") + r.counter("resolver.tx.fail")).isEqualTo(3);
        assertThat(sim.now() - start).isEqualTo(SimTime.seconds(6));
        assertThatThrownBy(f::join).hasCauseInstanceOf(ResolveException.class);
    }
}
