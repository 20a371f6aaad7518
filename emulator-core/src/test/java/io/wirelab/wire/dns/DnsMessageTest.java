package io.wirelab.wire.dns;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.HexFormatLines;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DnsMessageTest {
    private static final Map<Integer, byte[]> FRAMES = HexFormatLines.load("/io/wirelab/wire/dns/dns.txt");
    private static final DnsName ZONE = DnsName.of("wirelab.test");

    private static DnsMessage frame(int n) {
        byte[] b = FRAMES.get(n);
        DnsMessage.Parsed p = n >= 20 ? DnsMessage.parse(b, 2, b.length - 2) : DnsMessage.parse(b);
        assertThat(p.reason()).as("frame %d", n).isEqualTo(DnsMalformed.NONE);
        return p.message();
    }

    @Test
    void capture_queries_reEmitByteIdentical() {
        for (int n : List.of(3, 5, 7, 9, 11, 13, 15))
            assertThat(frame(n).encode()).as("frame %d", n).isEqualTo(FRAMES.get(n));
        byte[] tcp = FRAMES.get(20);
        assertThat(DnsTcpFraming.frame(frame(20).encode())).isEqualTo(tcp);
    }

    @Test
    void capture_responses_reEncodeToTheSameMessage_neverLonger() {
        for (int n : List.of(4, 6, 8, 10, 12, 14, 16, 22)) {
            DnsMessage m = frame(n);
            byte[] again = m.encode();
            assertThat(DnsMessage.parse(again).message()).as("frame %d", n).isEqualTo(m);
            int original = n >= 20 ? FRAMES.get(n).length - 2 : FRAMES.get(n).length;
            assertThat(again.length).as("frame %d", n).isLessThanOrEqualTo(original);
        }
    }

    @Test
    void capture_aResponse_headerSectionsAndPointers() {
        byte[] raw = FRAMES.get(4);
        assertThat(Bytes.u16(raw, 34)).as("answer name is pointer c00c").isEqualTo(0xc00c);
        DnsMessage m = frame(4);
        assertThat(m.header().id()).isEqualTo(0x61d5);
        assertThat(m.header().qr()).isTrue();
        assertThat(m.header().aa()).isTrue();
        assertThat(m.header().rd()).isTrue();
        assertThat(m.header().ra()).isFalse();
        assertThat(m.header().rcode()).isEqualTo(DnsRcode.NOERROR);
        assertThat(m.questions()).containsExactly(DnsQuestion.in("www.wirelab.test", DnsRecordType.A));
        assertThat(m.answers()).containsExactly(DnsRecord.a("www.wirelab.test", 600, "198.18.3.10"));
        assertThat(m.authorities()).containsExactly(DnsRecord.in(ZONE, 600, new DnsRdata.Ns(DnsName.of("ns1.wirelab.test"))));
        assertThat(m.opt().rrClass()).isEqualTo(1232);
    }

    @Test
    void capture_queryOpt_keepsCookieRaw() {
        DnsRecord opt = frame(3).opt();
        assertThat(opt.type()).isEqualTo(DnsRecordType.OPT);
        assertThat(opt.rrClass()).isEqualTo(1232);
        byte[] rd = ((DnsRdata.Raw) opt.data()).bytes();
        assertThat(Bytes.u16(rd, 0)).isEqualTo(10);   // COOKIE
        assertThat(Bytes.u16(rd, 2)).isEqualTo(8);
    }

    @Test
    void capture_everyRecordType_decodesLikeTshark() {
        assertThat(frame(6).answers()).containsExactly(
                DnsRecord.in(DnsName.of("alias.wirelab.test"), 600, new DnsRdata.Cname(DnsName.of("www.wirelab.test"))),
                DnsRecord.a("www.wirelab.test", 600, "198.18.3.10"));
        assertThat(frame(8).answers()).containsExactly(DnsRecord.in(ZONE, 600, new DnsRdata.Mx(10, DnsName.of("mail.wirelab.test"))));
        assertThat(frame(10).answers()).containsExactly(
                DnsRecord.in(ZONE, 600, new DnsRdata.Txt(List.of("v=spf1 mx -all", "wirelab reference zone"))));
        DnsRecord aaaa = frame(12).answers().getFirst();
        assertThat(aaaa.data().toString()).isEqualTo("2001:db8:3::10");
        assertThat(aaaa.data()).isEqualTo(DnsRdata.Aaaa.parse("2001:db8:3::10"));
        assertThat(frame(14).questions().getFirst().name()).isEqualTo(DnsName.of("10.3.18.198.in-addr.arpa"));
        assertThat(frame(14).answers().getFirst().data()).isEqualTo(new DnsRdata.Ptr(DnsName.of("www.wirelab.test")));
        DnsMessage nx = frame(16);
        assertThat(nx.header().rcode()).isEqualTo(DnsRcode.NXDOMAIN);
        assertThat(nx.answers()).isEmpty();
        assertThat(nx.authorities().getFirst().data()).isEqualTo(new DnsRdata.Soa(DnsName.of("ns1.wirelab.test"),
                DnsName.of("hostmaster.wirelab.test"), 2024060101L, 1200, 180, 1209600, 600));
    }

    @Test
    void capture_tcpResponse_lengthPrefixAndEdeOption() {
        byte[] tcp = FRAMES.get(22);
        assertThat(Bytes.u16(tcp, 0)).isEqualTo(tcp.length - 2);
        DnsTcpFraming f = new DnsTcpFraming();
        assertThat(f.feed(tcp, 0, 5)).isEmpty();
        List<byte[]> out = f.feed(tcp, 5, tcp.length - 5);
        assertThat(out).hasSize(1);
        assertThat(f.buffered()).isZero();
        DnsMessage m = DnsMessage.parse(out.getFirst()).message();
        assertThat(m.answers().getFirst().type()).isEqualTo(DnsRecordType.SOA);
        byte[] opt = ((DnsRdata.Raw) m.opt().data()).bytes();
        assertThat(Bytes.u16(opt, 0)).isEqualTo(15);   // Extended DNS Error (RFC 8914)
        assertThat(Bytes.u16(opt, 4)).isEqualTo(17);   // "Filtered"
    }

    @Test
    void tcpFraming_twoMessagesInOneSegment_splitInOrder() {
        byte[] a = DnsTcpFraming.frame(new byte[] {1, 2, 3});
        byte[] b = DnsTcpFraming.frame(new byte[] {4});
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        List<byte[]> out = new DnsTcpFraming().feed(both, 0, both.length);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).containsExactly(1, 2, 3);
        assertThat(out.get(1)).containsExactly(4);
    }

    @Test
    void emit_compressesRepeatedSuffixes() {
        DnsMessage m = new DnsMessage(new DnsHeader(1, DnsHeader.QR | DnsHeader.AA),
                List.of(DnsQuestion.in("www.lab.test", DnsRecordType.A)),
                List.of(DnsRecord.in(DnsName.of("www.lab.test"), 60, new DnsRdata.Cname(DnsName.of("web.lab.test"))),
                        DnsRecord.a("web.lab.test", 60, "10.0.0.1")),
                List.of(), List.of());
        byte[] b = m.encode();
        // question name at 12 (14 bytes); answer 1 name = pointer c00c; CNAME rdata "web" + pointer to "lab.test" (offset 16)
        assertThat(Bytes.u16(b, 30)).isEqualTo(0xc00c);
        assertThat(Arrays.copyOfRange(b, 42, 48)).containsExactly(3, 'w', 'e', 'b', 0xc0, 16);
        assertThat(Bytes.u16(b, 42 - 2)).isEqualTo(6);   // rdlength
        assertThat(Bytes.u16(b, 48)).isEqualTo(0xc000 | 42);   // second answer points at the CNAME target
        assertThat(DnsMessage.parse(b).message()).isEqualTo(m);
        assertThat(b).hasSize(12 + 18 + 12 + 6 + 2 + 10 + 4);
    }

    @Test
    void names_caseInsensitiveCompare_caseKeptOnWire() {
        DnsName n = DnsName.of("WwW.Lab.TEST.");
        assertThat(n.equalsIgnoreCase(DnsName.of("www.lab.test"))).isTrue();
        assertThat(n.isSubdomainOf(DnsName.of("lab.TEST"))).isTrue();
        assertThat(n.isSubdomainOf(DnsName.of("ab.test"))).isFalse();
        byte[] b = DnsMessage.query(5, new DnsQuestion(n, DnsRecordType.A, 1), true).encode();
        assertThat(DnsMessage.parse(b).message().questions().getFirst().name().toString()).isEqualTo("WwW.Lab.TEST");
    }

    private static byte[] header(int qd, int an) {
        return HexFormat.of().parseHex("abcd0100%04x%04x00000000".formatted(qd, an));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) { System.arraycopy(p, 0, out, at, p.length); at += p.length; }
        return out;
    }

    @Test
    void hostile_pointers_loopsAndBounds() {
        // pointer to itself
        assertThat(DnsMessage.parse(concat(header(1, 0), HexFormat.of().parseHex("c00c00010001"))).reason())
                .isEqualTo(DnsMalformed.BAD_POINTER);
        // forward pointer
        assertThat(DnsMessage.parse(concat(header(1, 0), HexFormat.of().parseHex("c01000010001"))).reason())
                .isEqualTo(DnsMalformed.BAD_POINTER);
        // two-step loop: label "a" at 12 then pointer back to 12
        assertThat(DnsMessage.parse(concat(header(1, 0), HexFormat.of().parseHex("0161c00c00010001"))).reason())
                .isIn(DnsMalformed.BAD_POINTER, DnsMalformed.POINTER_LOOP, DnsMalformed.NAME_TOO_LONG);
        // pointer chain through the header bytes never terminates within limits
        byte[] chain = concat(HexFormat.of().parseHex("c000c002c004c006c008c00a"), HexFormat.of().parseHex("c00a00010001"));
        Bytes.put16(chain, 4, 1);
        assertThat(DnsMessage.parse(chain).ok()).isFalse();
        // label type 01
        assertThat(DnsMessage.parse(concat(header(1, 0), HexFormat.of().parseHex("4161000001 0001".replace(" ", "")))).reason())
                .isEqualTo(DnsMalformed.BAD_LABEL_TYPE);
        // name longer than 255 octets
        StringBuilder longName = new StringBuilder();
        for (int i = 0; i < 5; i++) longName.append("3f").append("61".repeat(63));
        assertThat(DnsMessage.parse(concat(header(1, 0), HexFormat.of().parseHex(longName + "0000010001"))).reason())
                .isEqualTo(DnsMalformed.NAME_TOO_LONG);
        // counts larger than the data
        assertThat(DnsMessage.parse(header(3, 0)).reason()).isEqualTo(DnsMalformed.TRUNCATED);
        assertThat(DnsMessage.parse(new byte[5]).reason()).isEqualTo(DnsMalformed.TRUNCATED);
    }

    @Test
    void hostile_rdata_lengthMismatch() {
        byte[] q = HexFormat.of().parseHex("0161000001 0001".replace(" ", ""));
        byte[] aLen3 = HexFormat.of().parseHex("c00c00010001000000010003 0a0000".replace(" ", ""));
        assertThat(DnsMessage.parse(concat(header(1, 1), q, aLen3)).reason()).isEqualTo(DnsMalformed.BAD_RDATA);
        byte[] rdOverrun = HexFormat.of().parseHex("c00c00010001000000010010 0a000001".replace(" ", ""));
        assertThat(DnsMessage.parse(concat(header(1, 1), q, rdOverrun)).reason()).isEqualTo(DnsMalformed.TRUNCATED);
        byte[] cnameRunsOut = HexFormat.of().parseHex("c00c00050001000000010002 0362".replace(" ", ""));
        assertThat(DnsMessage.parse(concat(header(1, 1), q, cnameRunsOut, new byte[] {'c', 'd', 0})).reason())
                .isEqualTo(DnsMalformed.BAD_RDATA);
        byte[] txtOverrun = HexFormat.of().parseHex("c00c00100001000000010002 0561".replace(" ", ""));
        assertThat(DnsMessage.parse(concat(header(1, 1), q, txtOverrun)).reason()).isEqualTo(DnsMalformed.BAD_RDATA);
    }

    @Test
    void hostile_everyTruncationAndByteFlip_neverThrows() {
        for (var e : FRAMES.entrySet()) {
            byte[] good = e.getValue();
            for (int len = 0; len <= good.length; len++) DnsMessage.parse(good, 0, len);
            for (int i = 0; i < good.length; i++) {
                for (int x : new int[] {0xff, 0xc0, 0x3f, 0x01}) {
                    byte[] bad = good.clone();
                    bad[i] ^= (byte) x;
                    DnsMessage.Parsed p = DnsMessage.parse(bad);
                    assertThat(p.ok() == (p.message() != null)).isTrue();
                }
            }
        }
    }

    @Test
    void unknownType_roundTripsRaw() {
        DnsRecord r = new DnsRecord(DnsName.of("x.test"), DnsRecordType.of(65280), 1, 5, new DnsRdata.Raw(new byte[] {9, 8, 7}));
        DnsMessage m = new DnsMessage(new DnsHeader(9, DnsHeader.QR), List.of(), List.of(r), List.of(), List.of());
        DnsMessage back = DnsMessage.parse(m.encode()).message();
        assertThat(back).isEqualTo(m);
        assertThat(back.answers().getFirst().type().toString()).isEqualTo("TYPE65280");
        assertThat(DnsRecordType.parse("TYPE65280")).isEqualTo(DnsRecordType.of(65280));
    }

    @Test
    void aaaaText_rfc5952() {
        assertThat(DnsRdata.Aaaa.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(DnsRdata.Aaaa.parse("::1").toString()).isEqualTo("::1");
        assertThat(DnsRdata.Aaaa.parse("2001:db8:1:2:3:4:0:5").toString()).isEqualTo("2001:db8:1:2:3:4:0:5");
        assertThat(new DnsRdata.A(Ipv4Address.parse("1.2.3.4")).toString()).isEqualTo("1.2.3.4");
    }
}
