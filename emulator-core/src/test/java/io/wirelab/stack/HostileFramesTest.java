package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.udp.UdpDrop;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.PacketPrinter;
import io.wirelab.wire.arp.ArpPacket;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.udp.UdpHeader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Crafted and hostile frames injected from a raw port: every one is dropped under a named reason. */
class HostileFramesTest {
    static final Ipv4Address X = Ipv4Address.parse("10.0.0.7"), B = Ipv4Address.parse("10.0.0.2");
    static final MacAddress MAC_X = MacAddress.local(7), MAC_B = MacAddress.local(2);

    final Simulator sim = new Simulator(3);
    final Port raw = new Port("x:eth0", sim), pb = new Port("b:eth0", sim);
    final Link link = Link.connect(sim, raw, pb, LinkParams.DEFAULT);
    final NetworkStack b = new NetworkStack(sim, "b");
    final List<Frame> fromB = new ArrayList<>();
    final List<Integer> udpReceived = new ArrayList<>();

    HostileFramesTest() {
        b.addInterface("eth0", pb, MAC_B).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        raw.addTap((p, dir, f, now) -> { if (dir == FrameTap.Direction.INBOUND) fromB.add(f); });
        b.udp().bind(Ipv4Address.ANY, 9, (d, now) -> udpReceived.add(d.data().length));
    }

    void inject(byte[] frame) {
        raw.transmit(new Frame(frame));
        sim.runFor(SimTime.millis(1));
    }

    static byte[] udpFrame(int ipId, boolean more, int offset8, byte[] payload) {
        byte[] f = new byte[Math.max(60, 34 + payload.length)];
        new EthernetHeader(MAC_B, MAC_X, EtherType.IPV4).emit(f, 0);
        new Ipv4Header(0, ipId, false, more, offset8, 64, IpProtocol.UDP, X, B, payload.length).emit(f, 14);
        System.arraycopy(payload, 0, f, 34, payload.length);
        return f;
    }

    static byte[] udp(int dstPort, int dataLength) {
        byte[] u = new byte[8 + dataLength];
        new UdpHeader(4000, dstPort, dataLength).emit(u, 0, X, B);
        return u;
    }

    @Test void wellFormedBaseline_isDelivered() {
        inject(udpFrame(1, false, 0, udp(9, 10)));
        assertThat(udpReceived).containsExactly(10);
        assertThat(b.counters().totalDrops()).isZero();
    }

    @Test void badIpHeaderChecksum_droppedAndCounted_rfc1122_3_2_1_2() {
        byte[] f = udpFrame(1, false, 0, udp(9, 10));
        f[24] ^= 0x01;   // checksum low byte
        inject(f);
        assertThat(udpReceived).isEmpty();
        assertThat(b.counters().drops(Ipv4Drop.BAD_CHECKSUM)).isEqualTo(1);
    }

    @Test void badUdpChecksum_droppedSilently_rfc1122_4_1_3_4() {
        byte[] f = udpFrame(1, false, 0, udp(9, 10));
        f[34 + 8] ^= 0x40;   // a data byte
        inject(f);
        assertThat(b.counters().drops(UdpDrop.BAD_CHECKSUM)).isEqualTo(1);
        assertThat(fromB).as("no ICMP error for a corrupted datagram").isEmpty();
    }

    @Test void truncatedAndBadLengths_countedWithMalformedReason() {
        byte[] f = udpFrame(1, false, 0, udp(9, 10));
        inject(java.util.Arrays.copyOf(f, 30));   // IPv4 header cut
        byte[] ihl = f.clone(); ihl[14] = 0x44; fixIpChecksum(ihl);
        inject(ihl);
        byte[] total = f.clone(); Bytes.put16(total, 16, 200); fixIpChecksum(total);
        inject(total);
        byte[] udpLen = f.clone(); Bytes.put16(udpLen, 38, 40);
        inject(udpLen);
        assertThat(b.counters().malformed(Ipv4Drop.MALFORMED, Malformed.TRUNCATED)).isEqualTo(1);
        assertThat(b.counters().malformed(Ipv4Drop.MALFORMED, Malformed.BAD_HEADER_LENGTH)).isEqualTo(1);
        assertThat(b.counters().malformed(Ipv4Drop.MALFORMED, Malformed.BAD_TOTAL_LENGTH)).isEqualTo(1);
        assertThat(b.counters().malformed(UdpDrop.MALFORMED, Malformed.BAD_LENGTH)).isEqualTo(1);
        assertThat(b.counters().drops(Ipv4Drop.MALFORMED)).isEqualTo(3);
        assertThat(udpReceived).isEmpty();
    }

    @Test void truncatedArp_andShortFrame_counted() {
        byte[] arp = new byte[14 + 20];
        new EthernetHeader(MacAddress.BROADCAST, MAC_X, EtherType.ARP).emit(arp, 0);
        Bytes.put16(arp, 14, 1); Bytes.put16(arp, 16, 0x0800); arp[18] = 6; arp[19] = 4;
        inject(arp);
        inject(new byte[10]);
        assertThat(b.counters().drops(ArpDrop.MALFORMED)).isEqualTo(1);
        assertThat(b.counters().malformed(ArpDrop.MALFORMED, Malformed.TRUNCATED)).isEqualTo(1);
        assertThat(b.counters().drops(EthernetDrop.MALFORMED)).isEqualTo(1);
    }

    @Test void broadcastSource_isDropped_rfc1122_3_2_1_3() {
        byte[] f = udpFrame(1, false, 0, udp(9, 4));
        Bytes.putI32(f, 26, -1); fixIpChecksum(f);
        inject(f);
        assertThat(b.counters().drops(Ipv4Drop.BAD_SOURCE)).isEqualTo(1);
    }

    @Test void overlappingFragments_discardWholeDatagram() {
        byte[] u = udp(9, 40);
        inject(udpFrame(5, true, 0, java.util.Arrays.copyOfRange(u, 0, 24)));
        inject(udpFrame(5, false, 2, java.util.Arrays.copyOfRange(u, 16, 48)));   // starts at 16 < 24
        assertThat(b.counters().drops(Ipv4Drop.FRAGMENT_OVERLAP)).isEqualTo(1);
        assertThat(b.ipv4().reassembly().inProgress()).isZero();
        assertThat(udpReceived).isEmpty();
    }

    @Test void outOfOrderFragments_reassemble() {
        byte[] u = udp(9, 40);
        inject(udpFrame(6, false, 3, java.util.Arrays.copyOfRange(u, 24, 48)));
        inject(udpFrame(6, true, 0, java.util.Arrays.copyOfRange(u, 0, 24)));
        assertThat(udpReceived).containsExactly(40);
    }

    @Test void nonMultipleOf8Fragment_dropped_rfc791_3_2() {
        inject(udpFrame(7, true, 0, new byte[20]));
        assertThat(b.counters().drops(Ipv4Drop.FRAGMENT_BAD_LENGTH)).isEqualTo(1);
    }

    @Test void missingFragment_timesOutAfter30s_withTimeExceeded_rfc1122_3_3_2() {
        // Teach B our MAC first (an ARP request for B), so its ICMP error can leave.
        byte[] arp = new byte[60];
        new EthernetHeader(MacAddress.BROADCAST, MAC_X, EtherType.ARP).emit(arp, 0);
        ArpPacket.request(MAC_X, X, B).emit(arp, 14);
        inject(arp);
        fromB.clear();
        inject(udpFrame(8, true, 0, java.util.Arrays.copyOf(udp(9, 40), 24)));
        sim.runFor(Ipv4Reassembly.TIMEOUT_NANOS - SimTime.millis(2));   // inject() already ran 1 ms
        assertThat(b.counters().drops(Ipv4Drop.REASSEMBLY_TIMEOUT)).isZero();
        sim.runFor(SimTime.millis(2));
        assertThat(b.counters().drops(Ipv4Drop.REASSEMBLY_TIMEOUT)).isEqualTo(1);
        assertThat(fromB).singleElement().satisfies(f ->
                assertThat(PacketPrinter.print(f)).contains("ICMP ip reassembly time exceeded (udp 10.0.0.7.4000 > 10.0.0.2.9)"));
    }

    @Test void randomGarbage_neverThrows_andEverythingIsCounted() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 3000; i++) {
            byte[] f = udpFrame(i, r.nextBoolean(), r.nextInt(4), udp(9, r.nextInt(0, 60)));
            for (int k = r.nextInt(1, 6); k > 0; k--) f[14 + r.nextInt(f.length - 14)] = (byte) r.nextInt();
            inject(f);
        }
        sim.runFor(SimTime.seconds(60));
        StackCounters c = b.counters();
        assertThat(c.get(StackEvent.IPV4_RX)).isEqualTo(3000);
        assertThat(c.totalDrops()).isPositive();
    }

    @Test void landSyn_fromOurOwnAddressAndPort_isAMartian_andTheLabGoesOn() {
        // issue 12 finding 1: a SYN from 10.0.0.2:80 to 10.0.0.2:80 off the wire looped at one instant forever
        b.tcp().listen(80, s -> { });
        byte[] tcp = new byte[20];
        new TcpHeader(80, 80, 1000, 0, TcpFlags.SYN, 65535, 0, List.of()).emit(tcp, 0, B, B, new byte[0], 0, 0);
        byte[] f = new byte[60];
        new EthernetHeader(MAC_B, MAC_X, EtherType.IPV4).emit(f, 0);
        new Ipv4Header(0, 1, true, false, 0, 64, IpProtocol.TCP, B, B, tcp.length).emit(f, 14);
        System.arraycopy(tcp, 0, f, 34, tcp.length);
        inject(f);
        sim.runFor(SimTime.seconds(5));
        assertThat(b.counters().drops(Ipv4Drop.MARTIAN_SOURCE)).isEqualTo(1);
        assertThat(b.tcp().connections()).isEmpty();
        assertThat(fromB).isEmpty();
        assertThat(sim.now()).isEqualTo(SimTime.seconds(5) + SimTime.millis(1));
    }

    private static void fixIpChecksum(byte[] f) {
        int ihl = (f[14] & 0x0f) * 4;
        Bytes.put16(f, 24, 0);
        Bytes.put16(f, 24, Checksum.fold(f, 14, Math.max(ihl, 20)));
    }
}
