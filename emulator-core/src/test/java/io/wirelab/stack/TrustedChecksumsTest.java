package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.tcp.TcpDrop;
import io.wirelab.stack.tcp.TcpSocket;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frames a host's own TCP built carry correct checksums and the trusted mark; receivers verify every other frame. */
class TrustedChecksumsTest {
    static final Ipv4Address A = Ipv4Address.parse("10.0.0.1"), B = Ipv4Address.parse("10.0.0.2");

    final Simulator sim = new Simulator(5);
    final Port pa = new Port("a:eth0", sim), pb = new Port("b:eth0", sim);
    final NetworkStack a = new NetworkStack(sim, "a"), b = new NetworkStack(sim, "b");
    final List<Frame> fromA = new ArrayList<>();

    TrustedChecksumsTest() {
        Link.connect(sim, pa, pb, LinkParams.DEFAULT);
        a.addInterface("eth0", pa, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        b.addInterface("eth0", pb, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        pa.addTap((p, dir, f, now) -> { if (dir == FrameTap.Direction.OUTBOUND) fromA.add(f); });
    }

    @Test void tcpFrames_carryCorrectChecksums_andTheMark_exceptTheOneQueuedForArp() {
        b.tcp().listen(80, s -> s.onReadable(() -> s.read(new byte[4096], 0, 4096)));
        CompletableFuture<TcpSocket> f = a.tcp().connect(B, 80);
        sim.runFor(SimTime.millis(5));
        f.join().write(new byte[3000], 0, 3000);
        sim.runFor(SimTime.millis(5));

        List<Frame> tcp = fromA.stream().filter(fr -> EtherType.IPV4.value() == ((fr.bytes()[12] & 0xff) << 8 | (fr.bytes()[13] & 0xff))).toList();
        assertThat(tcp).hasSizeGreaterThanOrEqualTo(4);   // SYN, ACK, data
        assertThat(tcp.getFirst().checksumsTrusted()).as("the SYN waited for ARP").isFalse();
        assertThat(tcp.subList(1, tcp.size())).allMatch(Frame::checksumsTrusted);
        Ipv4View ip = new Ipv4View();
        TcpView t = new TcpView();
        for (Frame fr : tcp) {
            ip.wrap(fr.bytes(), 14, fr.length() - 14);
            assertThat(ip.checksumValid()).isTrue();
            t.wrap(fr.bytes(), 14 + ip.headerLength(), ip.totalLength() - ip.headerLength());
            assertThat(t.checksumValid(A, B)).as("the bytes on the wire keep their checksum").isTrue();
        }
        assertThat(fromA.stream().filter(fr -> fr.bytes()[13] == 0x06)).as("ARP is never marked").noneMatch(Frame::checksumsTrusted);
        assertThat(b.tcp().counters().get(TcpDrop.BAD_CHECKSUM)).isZero();
    }

    @Test void aCrafted_badChecksum_isDropped_unlessTheFrameIsMarked() {
        Port raw = new Port("x:eth0", sim), pc = new Port("c:eth0", sim);
        Link.connect(sim, raw, pc, LinkParams.DEFAULT);
        NetworkStack c = new NetworkStack(sim, "c");
        c.addInterface("eth0", pc, MacAddress.local(3)).configure(Ipv4Cidr.parse("10.0.1.3/24"));
        byte[] frame = badSyn(MacAddress.local(3), Ipv4Address.parse("10.0.1.9"), Ipv4Address.parse("10.0.1.3"));

        raw.transmit(new Frame(frame));
        sim.runFor(SimTime.millis(1));
        assertThat(c.tcp().counters().get(TcpDrop.BAD_CHECKSUM)).isEqualTo(1);

        raw.transmit(new Frame(frame.clone(), false, true));
        sim.runFor(SimTime.millis(1));
        assertThat(c.tcp().counters().get(TcpDrop.BAD_CHECKSUM)).as("a marked frame is not verified again").isEqualTo(1);
        assertThat(c.tcp().counters().get(TcpDrop.NO_SOCKET)).isEqualTo(1);
    }

    @Test void aCorruptedFrame_cannotBeMarked() {
        assertThatThrownBy(() -> new Frame(new byte[60], true, true)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A SYN to port 80 with its TCP checksum off by one bit, in an Ethernet frame to dstMac. */
    static byte[] badSyn(MacAddress dstMac, Ipv4Address src, Ipv4Address dst) {
        TcpHeader h = new TcpHeader(4000, 80, 1, 0, TcpFlags.SYN, 1000, 0, List.of());
        byte[] f = new byte[Math.max(60, 34 + h.length())];
        new EthernetHeader(dstMac, MacAddress.local(9), EtherType.IPV4).emit(f, 0);
        new Ipv4Header(0, 1, false, false, 0, 64, IpProtocol.TCP, src, dst, h.length()).emit(f, 14);
        h.emit(f, 34, src, dst, 0);
        f[34 + 16] ^= 0x01;
        return f;
    }
}
