package io.wirelab.wire.filter;

import static io.wirelab.wire.filter.FilterFrames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dhcp.DhcpOption;
import io.wirelab.wire.dhcp.DhcpOptions;
import io.wirelab.wire.dns.DnsMessage;
import io.wirelab.wire.dns.DnsQuestion;
import io.wirelab.wire.dns.DnsRecordType;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayFilterTest {
    private static final long MS = 1_000_000;

    /** Decodes frames given as {time in ms, bytes} pairs, in order. */
    private static List<DecodedFrame> decode(Object... timeAndFrame) {
        FrameDecoder d = new FrameDecoder();
        List<DecodedFrame> out = new ArrayList<>();
        for (int i = 0; i < timeAndFrame.length; i += 2) {
            byte[] b = (byte[]) timeAndFrame[i + 1];
            out.add(d.decode((Integer) timeAndFrame[i] * MS, b, b.length));
        }
        return out;
    }

    private static List<Long> numbers(List<DecodedFrame> frames, String filter) throws FilterException {
        return CaptureFrames.matching(frames, DisplayFilter.compile(filter)).stream().map(DecodedFrame::number).toList();
    }

    /** A handshake, two data segments, the first of them sent again, then a FIN: only frame 6 is a retransmission. */
    private static List<DecodedFrame> bulkWithOneRetransmission() {
        return decode(
                0, tcp(PC1, 40000, WEB, 80, 1000, 0, SYN, ""),
                1, tcp(WEB, 80, PC1, 40000, 5000, 1001, SYN | ACK, ""),
                2, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK, ""),
                3, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK | PSH, "a".repeat(100)),
                4, tcp(PC1, 40000, WEB, 80, 1101, 5001, ACK | PSH, "b".repeat(100)),
                204, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK | PSH, "a".repeat(100)),
                205, tcp(WEB, 80, PC1, 40000, 5001, 1201, ACK, ""),
                206, tcp(PC1, 40000, WEB, 80, 1201, 5001, ACK | FIN, ""));
    }

    @Test void retransmissionIsFlaggedOnlyOnTheSegmentSentAgain() throws Exception {
        List<DecodedFrame> frames = bulkWithOneRetransmission();
        assertThat(numbers(frames, "tcp.analysis.retransmission")).containsExactly(6L);
        assertThat(numbers(frames, "tcp.analysis.flags")).containsExactly(6L);
        assertThat(numbers(frames, "!tcp.analysis.retransmission")).hasSize(7);
        assertThat(frames.get(5).first("tcp.seq")).isEqualTo(1L);           // relative to the ISN 1000
        assertThat(frames.get(4).first("tcp.nxtseq")).isEqualTo(201L);
        assertThat(frames.get(6).first("tcp.ack")).isEqualTo(201L);
        assertThat(numbers(frames, "tcp.stream == 0")).hasSize(8);
    }

    /** Segment 2 overtakes segment 1 on the wire: 1 arrives within the initial RTT (10 ms) of 2, so it is out of order. */
    @Test void aGapFilledWithinTheInitialRttIsOutOfOrderNotARetransmission() throws Exception {
        List<DecodedFrame> frames = decode(
                0, tcp(WEB, 80, PC1, 40000, 5000, 0, SYN, ""),
                5, tcp(PC1, 40000, WEB, 80, 1000, 5001, SYN | ACK, ""),
                10, tcp(WEB, 80, PC1, 40000, 5001, 1001, ACK, ""),
                20, tcp(WEB, 80, PC1, 40000, 5101, 1001, ACK, "b".repeat(100)),
                21, tcp(WEB, 80, PC1, 40000, 5001, 1001, ACK, "a".repeat(100)),
                40, tcp(PC1, 40000, WEB, 80, 1001, 5201, ACK, ""),
                90, tcp(WEB, 80, PC1, 40000, 5001, 1001, ACK, "a".repeat(100)));
        assertThat(numbers(frames, "tcp.analysis.out_of_order")).containsExactly(5L);
        assertThat(numbers(frames, "tcp.analysis.retransmission")).isEmpty();
        // frame 7 repeats bytes the peer acknowledged in frame 6
        assertThat(numbers(frames, "tcp.analysis.spurious_retransmission")).containsExactly(7L);
    }

    @Test void keepAliveIsNotARetransmission() throws Exception {
        List<DecodedFrame> frames = decode(
                0, tcp(PC1, 40000, WEB, 80, 1000, 0, SYN, ""),
                1, tcp(WEB, 80, PC1, 40000, 5000, 1001, SYN | ACK, ""),
                2, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK, ""),
                9000, tcp(PC1, 40000, WEB, 80, 1000, 5001, ACK, "x"));
        assertThat(numbers(frames, "tcp.analysis.keep_alive")).containsExactly(4L);
        assertThat(numbers(frames, "tcp.analysis.retransmission")).isEmpty();
    }

    @Test void twoDuplicateAcksMakeTheNextRetransmissionFast() throws Exception {
        List<DecodedFrame> frames = decode(
                0, tcp(PC1, 40000, WEB, 80, 1000, 0, SYN, ""),
                1, tcp(WEB, 80, PC1, 40000, 5000, 1001, SYN | ACK, ""),
                2, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK, ""),
                3, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK, "a".repeat(100)),
                3, tcp(PC1, 40000, WEB, 80, 1101, 5001, ACK, "b".repeat(100)),
                3, tcp(PC1, 40000, WEB, 80, 1201, 5001, ACK, "c".repeat(100)),
                5, tcp(WEB, 80, PC1, 40000, 5001, 1101, ACK, ""),
                5, tcp(WEB, 80, PC1, 40000, 5001, 1101, ACK, ""),
                5, tcp(WEB, 80, PC1, 40000, 5001, 1101, ACK, ""),
                6, tcp(PC1, 40000, WEB, 80, 1101, 5001, ACK, "b".repeat(100)));
        assertThat(numbers(frames, "tcp.analysis.duplicate_ack")).containsExactly(8L, 9L);
        assertThat(numbers(frames, "tcp.analysis.duplicate_ack_num == 2")).containsExactly(9L);
        assertThat(numbers(frames, "tcp.analysis.fast_retransmission")).containsExactly(10L);
        assertThat(numbers(frames, "tcp.analysis.retransmission")).containsExactly(10L);
    }

    @Test void httpResponseCarriesItsCodeAndTheTimeSinceItsRequest() throws Exception {
        List<DecodedFrame> frames = decode(
                0, tcp(PC1, 40000, WEB, 80, 1000, 0, SYN, ""),
                1, tcp(WEB, 80, PC1, 40000, 5000, 1001, SYN | ACK, ""),
                2, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK, ""),
                2, tcp(PC1, 40000, WEB, 80, 1001, 5001, ACK | PSH, "GET /index.html HTTP/1.1\r\nHost: www.lab.test\r\n\r\n"),
                44, tcp(WEB, 80, PC1, 40000, 5001, 1049, ACK | PSH, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nServer: wirelab\r\n\r\n"));
        assertThat(numbers(frames, "http.request.method == \"GET\" && http.host == www.lab.test")).containsExactly(4L);
        assertThat(numbers(frames, "http.response.code == 404")).containsExactly(5L);
        assertThat(numbers(frames, "http.response.code == 200")).isEmpty();
        assertThat(numbers(frames, "http.response.code >= 400 and http.response.code < 500")).containsExactly(5L);
        assertThat(frames.get(4).first("http.request_in")).isEqualTo(4L);
        assertThat((Double) frames.get(4).first("http.time")).isEqualTo(0.042, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(numbers(frames, "http.time <= 0.05")).containsExactly(5L);
        assertThat(numbers(frames, "http.time <= 0.04")).isEmpty();
        assertThat(numbers(frames, "http.server contains \"wire\"")).containsExactly(5L);
        assertThat(numbers(frames, "http.request.uri matches \"\\\\.html$\"")).containsExactly(4L);
        assertThat(numbers(frames, "http && !tls")).containsExactly(4L, 5L);
    }

    @Test void tlsClientHelloGivesTheServerName() throws Exception {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        byte[] name = "www.lab.test".getBytes();
        hello.writeBytes(new byte[] {3, 3});
        hello.writeBytes(new byte[32]);                          // random
        hello.write(0);                                          // session id
        hello.writeBytes(new byte[] {0, 2, 0x13, 0x01});         // one cipher suite
        hello.writeBytes(new byte[] {1, 0});                     // null compression
        int sniLength = 2 + 1 + 2 + name.length;
        int extLength = 4 + sniLength;
        hello.writeBytes(new byte[] {0, (byte) extLength, 0, 0, 0, (byte) sniLength, 0, (byte) (sniLength - 2), 0, 0, (byte) name.length});
        hello.writeBytes(name);
        byte[] body = hello.toByteArray();
        byte[] record = new byte[5 + 4 + body.length];
        record[0] = 22;
        record[1] = 3;
        record[2] = 1;
        put16(record, 3, 4 + body.length);
        record[5] = 1;
        record[8] = (byte) body.length;
        System.arraycopy(body, 0, record, 9, body.length);
        List<DecodedFrame> frames = decode(0, tcp(PC1, 40000, WEB, 443, 1000, 1, ACK | PSH, 64240, record));
        assertThat(numbers(frames, "tls.handshake.type == 1 && tls.handshake.extensions_server_name == \"www.lab.test\"")).containsExactly(1L);
        assertThat(numbers(frames, "tls && tcp.dstport == 443")).containsExactly(1L);
        assertThat(numbers(frames, "http")).isEmpty();
    }

    @Test void dnsAndDhcpFieldsComeFromTheirDecoders() throws Exception {
        byte[] query = DnsMessage.query(0x1234, DnsQuestion.in("www.lab.test", DnsRecordType.A), true).encode();
        DhcpOptions opts = new DhcpOptions(List.of(new DhcpOption(53, new byte[] {3}), new DhcpOption(50, new byte[] {10, 0, 0, 100})));
        byte[] request = DhcpMessage.request(0xdeadbeef, MacAddress.parse("02:00:00:00:00:01"), 0, 0x8000, Ipv4Address.ANY, opts).encode();
        List<DecodedFrame> frames = decode(
                0, udp(PC1, 5353, WEB, 53, query),
                1, udp(0, 68, -1, 67, request));
        assertThat(numbers(frames, "dns.qry.name == \"www.lab.test\" && dns.flags.response == 0 && dns.qry.type == 1")).containsExactly(1L);
        assertThat(numbers(frames, "dns.id == 0x1234")).containsExactly(1L);
        assertThat(numbers(frames, "dhcp.option.dhcp == 3 && dhcp.option.requested_ip_address == 10.0.0.100")).containsExactly(2L);
        assertThat(numbers(frames, "dhcp.hw.mac_addr == 02:00:00:00:00:01 && dhcp.flags.bc == true")).containsExactly(2L);
        assertThat(numbers(frames, "dhcp.id == 0xdeadbeef")).containsExactly(2L);
        assertThat(numbers(frames, "udp.port in {53 67}")).containsExactly(1L, 2L);
    }

    @Test void notEqualIsTheNegationOfAnyEqual() throws Exception {
        List<DecodedFrame> frames = decode(0, tcp(PC1, 40000, WEB, 80, 1, 0, SYN, ""));
        // ip.addr holds both addresses: == matches either, and != is !(==), as in Wireshark 4
        assertThat(numbers(frames, "ip.addr == 10.0.0.1")).containsExactly(1L);
        assertThat(numbers(frames, "ip.addr != 10.0.0.1")).isEmpty();
        assertThat(numbers(frames, "ip.addr == 10.0.0.0/24")).containsExactly(1L);
        assertThat(numbers(frames, "ip.dst == 10.0.1.0/24")).isEmpty();
        assertThat(numbers(frames, "udp.port != 53")).containsExactly(1L);   // absent field: == is false, so != holds
    }

    @Test void andBindsTighterThanOrAndParenthesesOverride() throws Exception {
        List<DecodedFrame> frames = decode(0, tcp(PC1, 40000, WEB, 80, 1, 0, SYN, ""));
        assertThat(numbers(frames, "udp or tcp and tcp.flags.syn == 1")).containsExactly(1L);
        assertThat(numbers(frames, "(udp or tcp) and tcp.flags.syn == 0")).isEmpty();
        assertThat(numbers(frames, "udp or (tcp and not tcp.flags.syn)")).isEmpty();
        assertThat(numbers(frames, "not not tcp")).containsExactly(1L);
    }

    @Test void errorsNameTheirOffset() {
        assertThatThrownBy(() -> DisplayFilter.compile("tcp && tcp.analysis.retransmision"))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.offset()).isEqualTo(7);
                    assertThat(e.getMessage()).isEqualTo("unknown field 'tcp.analysis.retransmision'");
                    assertThat(e.unknownField()).isEqualTo("tcp.analysis.retransmision");
                });
        assertThatThrownBy(() -> DisplayFilter.compile("(tcp || udp")).isInstanceOfSatisfying(FilterException.class,
                e -> assertThat(e.offset()).isEqualTo(11));
        assertThatThrownBy(() -> DisplayFilter.compile("tls == 1")).isInstanceOfSatisfying(FilterException.class,
                e -> assertThat(e.getMessage()).contains("test its presence alone"));
        assertThatThrownBy(() -> DisplayFilter.compile("ip.src == 10.0.0.300")).isInstanceOfSatisfying(FilterException.class,
                e -> assertThat(e.offset()).isEqualTo(10));
        assertThatThrownBy(() -> DisplayFilter.compile("tcp.port >")).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> DisplayFilter.compile("tcp udp")).isInstanceOfSatisfying(FilterException.class,
                e -> assertThat(e.offset()).isEqualTo(4));
        assertThatThrownBy(() -> DisplayFilter.compile("")).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> DisplayFilter.compile("http.host == \"x")).isInstanceOf(FilterException.class);
    }
}
