package io.wirelab.fuzz;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.FrameProtocol;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.PacketPrinter;
import io.wirelab.wire.arp.ArpPacket;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dns.DnsMessage;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.http.HttpLimits;
import io.wirelab.wire.http.HttpMessage;
import io.wirelab.wire.http.HttpParser;
import io.wirelab.wire.icmpv4.Icmpv4View;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpView;
import io.wirelab.wire.udp.UdpView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutation fuzzing of every wire decoder, seeded with the layers of the reference captures' frames:
 * a decoder returns a Malformed reason or a value, never throws, and whatever it accepts can be
 * used (accessors, record building, re-encoding, printing) without throwing either.
 */
class WireDecoderFuzzTest {
    static final int ITERATIONS = Fuzz.iterations(10_000);
    static final List<byte[]> frames = new ArrayList<>(), arp = new ArrayList<>(), ipv4 = new ArrayList<>(), icmp = new ArrayList<>(),
            udp = new ArrayList<>(), tcp = new ArrayList<>(), dhcp = new ArrayList<>(), dns = new ArrayList<>(), http = new ArrayList<>();

    @BeforeAll static void splitTheSeedFramesIntoLayers() {
        for (byte[] f : Fuzz.frames()) {
            frames.add(f);
            if (f.length < 14) continue;
            int type = Bytes.u16(f, 12);
            if (type == 0x0806) arp.add(slice(f, 14, f.length));
            if (type != 0x0800 || f.length < 34) continue;
            int ihl = (f[14] & 0x0f) * 4, total = Math.min(Bytes.u16(f, 16), f.length - 14), l4 = 14 + ihl, end = 14 + total;
            ipv4.add(slice(f, 14, end));
            switch (f[23]) {
                case 1 -> icmp.add(slice(f, l4, end));
                case 17 -> {
                    udp.add(slice(f, l4, end));
                    int port = Math.min(Bytes.u16(f, l4), Bytes.u16(f, l4 + 2));
                    if (port == 67) dhcp.add(slice(f, l4 + 8, end));
                    if (port == 53) dns.add(slice(f, l4 + 8, end));
                }
                case 6 -> {
                    tcp.add(slice(f, l4, end));
                    int data = l4 + ((f[l4 + 12] & 0xf0) >> 2);
                    int port = Math.min(Bytes.u16(f, l4), Bytes.u16(f, l4 + 2));
                    if (port == 80 && data < end) http.add(slice(f, data, end));
                    if (port == 53 && data + 2 < end) dns.add(slice(f, data + 2, end));
                }
                default -> { }
            }
        }
    }

    static byte[] slice(byte[] b, int from, int to) { return java.util.Arrays.copyOfRange(b, from, Math.max(from, to)); }

    /** Runs decode on ITERATIONS mutants of corpus; a throw fails with the input in hex, for a regression test. */
    static void fuzz(String decoder, List<byte[]> corpus, Consumer<byte[]> decode) {
        assertThat(corpus).as(decoder + " seeds").isNotEmpty();
        Mutator m = new Mutator(Fuzz.seed() ^ decoder.hashCode(), corpus);
        for (byte[] seed : corpus) decode.accept(seed);                     // the unmutated seeds first
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = m.next();
            try {
                decode.accept(input);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(decoder + " threw on input " + i + " (" + input.length + " bytes): "
                        + io.wirelab.wire.Hex.of(input), e);
            }
        }
    }

    @Test void ethernetFrames_andThePrinterOverEveryLayer() {
        EthernetView v = new EthernetView();
        fuzz("ethernet", frames, b -> {
            if (v.wrap(b, 0, b.length).validate() == Malformed.NONE) {
                v.destination();
                v.source();
                v.etherType().toString();
                v.payloadLength();
            }
            assertThat(PacketPrinter.print(b, 0, b.length)).isNotNull();
            assertThat(FrameProtocol.describe(b)).isNotEmpty();
        });
    }

    @Test void arp() {
        ArpView v = new ArpView();
        fuzz("arp", arp, b -> {
            if (v.wrap(b, 0, b.length).validate() == Malformed.NONE) ArpPacket.from(v).toString();
        });
    }

    @Test void ipv4() {
        Ipv4View v = new Ipv4View();
        fuzz("ipv4", ipv4, b -> {
            if (v.wrap(b, 0, b.length).validate() == Malformed.NONE) {
                v.checksumValid();
                v.source();
                v.destination();
                v.protocol().toString();
                v.isFragment();
                v.payloadOffset();
                v.payloadLength();
            }
        });
    }

    @Test void icmpv4() {
        Icmpv4View v = new Icmpv4View();
        fuzz("icmpv4", icmp, b -> {
            if (v.wrap(b, 0, b.length).validate() == Malformed.NONE) {
                v.type();
                v.code();
                v.checksumValid();
            }
        });
    }

    @Test void udp() {
        UdpView v = new UdpView();
        fuzz("udp", udp, b -> {
            if (v.wrap(b, 0, b.length).validate() == Malformed.NONE) {
                v.checksumValid(0x0a000001, 0x0a000002);
                v.payloadLength();
            }
        });
    }

    @Test void tcp() {
        TcpView v = new TcpView();
        Ipv4Address a = Ipv4Address.parse("10.0.0.1"), c = Ipv4Address.parse("10.0.0.2");
        fuzz("tcp", tcp, b -> {
            if (v.wrap(b, 0, b.length).validate() == Malformed.NONE) {
                v.checksumValid(a, c);
                TcpHeader h = TcpHeader.from(v);
                h.describe(v.payloadLength());
                h.mss();
                h.windowScale();
                h.timestamps();
                h.sackBlocks();
                byte[] out = new byte[h.length()];
                h.emit(out, 0, a, c, 0);
            }
        });
    }

    @Test void dhcp() {
        fuzz("dhcp", dhcp, b -> {
            DhcpMessage.Parsed p = DhcpMessage.parse(b, 0, b.length);
            if (!p.ok()) return;
            DhcpMessage m = p.message();
            m.messageType();
            m.clientMac();
            var o = m.options();
            o.subnetMask(); o.routers(); o.dnsServers(); o.hostName(); o.domainName(); o.requestedAddress();
            o.serverIdentifier(); o.leaseTime(); o.renewalTime(); o.rebindingTime(); o.maxMessageSize();
            o.parameterRequestList(); o.clientIdentifier(); o.message();
            m.encode();
        });
    }

    @Test void dns() {
        fuzz("dns", dns, b -> {
            DnsMessage.Parsed p = DnsMessage.parse(b);
            if (!p.ok()) return;
            p.message().toString();
            byte[] again = p.message().encode();
            assertThat(DnsMessage.parse(again).ok()).as("a parsed message re-encodes to a parseable one").isTrue();
        });
    }

    @Test void httpRequestsAndResponses_fedInPieces() {
        fuzz("http", http, b -> {
            for (HttpParser p : List.of(HttpParser.forRequests(HttpLimits.defaults()), HttpParser.forResponses(HttpLimits.defaults()))) {
                int cut = b.length / 3;
                p.feed(b, 0, cut);
                p.feed(b, cut, b.length - cut);
                p.finish();
                for (HttpMessage msg = p.poll(); msg != null; msg = p.poll()) msg.toString();
                p.error();
            }
        });
    }
}
