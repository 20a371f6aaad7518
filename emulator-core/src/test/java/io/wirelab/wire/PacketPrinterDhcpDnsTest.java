package io.wirelab.wire;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dhcp.DhcpMessageType;
import io.wirelab.wire.dhcp.DhcpOptionCode;
import io.wirelab.wire.dhcp.DhcpOptions;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One-line DHCP and DNS summaries, on frames a real stack put on the wire and on real captured payloads. */
class PacketPrinterDhcpDnsTest {
    static final MacAddress PC = MacAddress.local(1);
    static final Ipv4Address LEASED = Ipv4Address.parse("10.0.0.100");

    final Simulator sim = new Simulator(1);
    final List<Frame> frames = new ArrayList<>();
    final NetworkStack a = new NetworkStack(sim, "a");
    final NetworkStack b = new NetworkStack(sim, "b");
    final NetInterface ia;

    PacketPrinterDhcpDnsTest() {
        Port pa = new Port("a:eth0", sim), pb = new Port("b:eth0", sim);
        Link.connect(sim, pa, pb, LinkParams.DEFAULT);
        pa.addTap((p, dir, f, now) -> { if (dir == FrameTap.Direction.OUTBOUND) frames.add(f); });
        ia = a.addInterface("eth0", pa, PC);
        b.addInterface("eth0", pb, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
    }

    /** The line for one datagram a sends raw (no ARP needed) from port sport to dport. */
    String printed(int sport, Ipv4Address src, Ipv4Address dst, int dport, byte[] payload) {
        UdpSocket s = a.udp().bind(Ipv4Address.ANY, sport, (d, now) -> {});
        s.sendVia(ia, src, dst, dport, MacAddress.BROADCAST, payload);
        s.close();
        sim.runFor(SimTime.millis(1));
        return PacketPrinter.print(frames.getLast());
    }

    static DhcpMessage client(DhcpMessageType t, Ipv4Address ciaddr, Ipv4Address requested) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(t);
        if (requested != null) o.address(DhcpOptionCode.REQUESTED_ADDRESS, requested);
        return DhcpMessage.request(0x3903f326, PC, 0, DhcpMessage.FLAG_BROADCAST, ciaddr, o.build());
    }

    @Test void dhcpClientMessages() {
        assertThat(printed(68, Ipv4Address.ANY, Ipv4Address.BROADCAST, 67, client(DhcpMessageType.DISCOVER, Ipv4Address.ANY, null).encode()))
                .isEqualTo("02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff IPv4 0.0.0.0.68 > 255.255.255.255.67 DHCP DISCOVER xid 0x3903f326");
        assertThat(printed(68, Ipv4Address.ANY, Ipv4Address.BROADCAST, 67, client(DhcpMessageType.REQUEST, Ipv4Address.ANY, LEASED).encode()))
                .endsWith("DHCP REQUEST 10.0.0.100 xid 0x3903f326");
        // a renewal names its address in ciaddr (RFC 2131 §4.3.2)
        assertThat(printed(68, LEASED, Ipv4Address.parse("10.0.0.1"), 67, client(DhcpMessageType.REQUEST, LEASED, null).encode()))
                .endsWith("IPv4 10.0.0.100.68 > 10.0.0.1.67 DHCP REQUEST 10.0.0.100 xid 0x3903f326");
        assertThat(printed(68, LEASED, Ipv4Address.parse("10.0.0.1"), 67, client(DhcpMessageType.RELEASE, LEASED, null).encode()))
                .endsWith("DHCP RELEASE 10.0.0.100 xid 0x3903f326");
    }

    @Test void dhcpServerMessages() {
        DhcpMessage req = client(DhcpMessageType.REQUEST, Ipv4Address.ANY, LEASED);
        DhcpMessage ack = DhcpMessage.reply(req, Ipv4Address.ANY, LEASED, Ipv4Address.ANY,
                DhcpOptions.builder().messageType(DhcpMessageType.ACK).u32(DhcpOptionCode.LEASE_TIME, 600).build());
        assertThat(printed(67, Ipv4Address.parse("10.0.0.1"), Ipv4Address.BROADCAST, 68, ack.encode()))
                .endsWith("IPv4 10.0.0.1.67 > 255.255.255.255.68 DHCP ACK 10.0.0.100 xid 0x3903f326");
        DhcpMessage nak = DhcpMessage.reply(req, Ipv4Address.ANY, Ipv4Address.ANY, Ipv4Address.ANY,
                DhcpOptions.builder().messageType(DhcpMessageType.NAK).build());
        assertThat(printed(67, Ipv4Address.parse("10.0.0.1"), Ipv4Address.BROADCAST, 68, nak.encode())).endsWith("DHCP NAK xid 0x3903f326");
    }

    @Test void dhcpHostileBytes_printAsMalformed() {
        byte[] noCookie = client(DhcpMessageType.DISCOVER, Ipv4Address.ANY, null).encode();
        noCookie[236] = 0;
        assertThat(printed(68, Ipv4Address.ANY, Ipv4Address.BROADCAST, 67, noCookie)).endsWith("DHCP [malformed dhcp: NO_MAGIC_COOKIE]");
        assertThat(printed(68, Ipv4Address.ANY, Ipv4Address.BROADCAST, 67, new byte[40])).endsWith("DHCP [malformed dhcp: TRUNCATED]");
    }

    @Test void dnsQueryAndAnswers() {
        Ipv4Address pc = Ipv4Address.parse("10.0.0.2"), ns = Ipv4Address.parse("10.0.0.1");
        DnsMessage q = DnsMessage.query(0x61d5, DnsQuestion.in("www.lab.test", DnsRecordType.A), true);
        assertThat(printed(40000, pc, ns, 53, q.encode()))
                .endsWith("IPv4 10.0.0.2.40000 > 10.0.0.1.53 DNS A? www.lab.test id 0x61d5");
        DnsHeader h = new DnsHeader(0x61d5, DnsHeader.QR | DnsHeader.AA | DnsHeader.RD);
        DnsMessage answer = new DnsMessage(h, q.questions(), List.of(DnsRecord.a("www.lab.test", 300, "10.0.0.80")), List.of(), List.of());
        assertThat(printed(53, ns, pc, 40000, answer.encode()))
                .endsWith("IPv4 10.0.0.1.53 > 10.0.0.2.40000 DNS A www.lab.test 10.0.0.80 id 0x61d5");
        DnsMessage viaCname = new DnsMessage(h, List.of(DnsQuestion.in("alias.lab.test", DnsRecordType.A)),
                List.of(DnsRecord.in(DnsName.of("alias.lab.test"), 300, new DnsRdata.Cname(DnsName.of("www.lab.test"))),
                        DnsRecord.a("www.lab.test", 300, "10.0.0.80"), DnsRecord.a("www.lab.test", 300, "10.0.0.81")), List.of(), List.of());
        assertThat(printed(53, ns, pc, 40000, viaCname.encode()))
                .endsWith("DNS A alias.lab.test CNAME www.lab.test, 10.0.0.80, 10.0.0.81 id 0x61d5");
        DnsMessage nx = new DnsMessage(h.withRcode(DnsRcode.NXDOMAIN), q.questions(), List.of(), List.of(), List.of());
        assertThat(printed(53, ns, pc, 40000, nx.encode())).endsWith("DNS A www.lab.test NXDOMAIN id 0x61d5");
        DnsMessage tc = new DnsMessage(h.with(DnsHeader.TC, true), q.questions(), List.of(), List.of(), List.of());
        assertThat(printed(53, ns, pc, 40000, tc.encode())).endsWith("DNS A www.lab.test [truncated] id 0x61d5");
        DnsMessage nodata = new DnsMessage(h, q.questions(), List.of(), List.of(), List.of());
        assertThat(printed(53, ns, pc, 40000, nodata.encode())).endsWith("DNS A www.lab.test no answer id 0x61d5");
    }

    @Test void dnsHostileBytes_printAsMalformed() {
        byte[] loop = Hex.bytes("0001 0100 0001 0000 0000 0000 c00c 0001 0001");   // a name pointing at itself
        assertThat(printed(40000, Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.1"), 53, loop)).contains("DNS [malformed dns: ");
        assertThat(printed(40000, Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.1"), 53, new byte[5])).endsWith("DNS [malformed dns: TRUNCATED]");
    }

    @Test void realCapturedPayloads_dnsmasqAndUdhcpc() {
        Map<Integer, byte[]> dhcp = HexFormatLines.load("/io/wirelab/wire/dhcp/dhcp-dora-renew.txt");
        assertThat(printed(68, Ipv4Address.ANY, Ipv4Address.BROADCAST, 67, dhcp.get(1))).endsWith("DHCP DISCOVER xid 0xec9cb955");
        assertThat(printed(67, Ipv4Address.parse("10.0.0.1"), Ipv4Address.BROADCAST, 68, dhcp.get(4))).endsWith("DHCP ACK 198.18.2.126 xid 0xec9cb955");
        Map<Integer, byte[]> dns = HexFormatLines.load("/io/wirelab/wire/dns/dns.txt");
        Ipv4Address pc = Ipv4Address.parse("10.0.0.2"), ns = Ipv4Address.parse("10.0.0.1");
        assertThat(printed(40000, pc, ns, 53, dns.get(3))).endsWith("DNS A? www.wirelab.test id 0x61d5");
        assertThat(printed(53, ns, pc, 40000, dns.get(4))).endsWith("DNS A www.wirelab.test 198.18.3.10 id 0x61d5");
        assertThat(printed(53, ns, pc, 40000, dns.get(16))).endsWith("DNS A nosuchhost.wirelab.test NXDOMAIN id 0xcf64");
        assertThat(Arrays.asList(PacketPrinter.print(frames.getLast()).split(" "))).doesNotContain("[bad");
    }
}
