package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.udp.UdpDatagram;
import io.wirelab.stack.udp.UdpDrop;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.PacketPrinter;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two NetworkStacks on one Link in one Simulator: ARP, ICMP, UDP, IPv4 end to end. */
class TwoStacksTest {
    static final long DELAY = SimTime.millis(1);
    static final Ipv4Address IP_A = Ipv4Address.parse("10.0.0.1"), IP_B = Ipv4Address.parse("10.0.0.2");
    static final MacAddress MAC_A = MacAddress.local(1), MAC_B = MacAddress.local(2);

    final Simulator sim = new Simulator(1);
    final Port pa = new Port("a:eth0", sim), pb = new Port("b:eth0", sim);
    final LinkParams params = LinkParams.DEFAULT.withDelay(DELAY);
    final Link link = Link.connect(sim, pa, pb, params);
    final NetworkStack a = new NetworkStack(sim, "a"), b = new NetworkStack(sim, "b");
    final NetInterface ia = a.addInterface("eth0", pa, MAC_A), ib = b.addInterface("eth0", pb, MAC_B);
    /** Frames as A sends them (OUTBOUND) and receives them, with times. */
    final List<Frame> wire = new ArrayList<>();
    final List<Long> wireTimes = new ArrayList<>();

    TwoStacksTest() {
        ia.configure(Ipv4Cidr.parse("10.0.0.1/24"));
        ib.configure(Ipv4Cidr.parse("10.0.0.2/24"));
        pa.addTap((port, dir, frame, now) -> {
            if (dir == FrameTap.Direction.OUTBOUND) { wire.add(frame); wireTimes.add(now); }
        });
        pb.addTap((port, dir, frame, now) -> {
            if (dir == FrameTap.Direction.OUTBOUND) { wire.add(frame); wireTimes.add(now); }
        });
    }

    List<String> printed() { return wire.stream().map(PacketPrinter::print).toList(); }

    @Test void firstDatagram_waitsForArp_thenLeavesOnce() {
        List<UdpDatagram> got = new ArrayList<>();
        b.udp().bind(Ipv4Address.ANY, 7000, (d, now) -> got.add(d));
        UdpSocket s = a.udp().bind(Ipv4Address.ANY, 5000, (d, now) -> {});
        assertThat(s.sendTo(IP_B, 7000, "hi".getBytes())).isTrue();
        assertThat(a.arp().entries()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(NeighborState.INCOMPLETE);
            assertThat(e.queued()).isEqualTo(1);
        });
        sim.runFor(SimTime.millis(100));
        assertThat(printed()).containsExactly(
                "02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff ARP who-has 10.0.0.2 tell 10.0.0.1",
                "02:00:00:00:00:02 > 02:00:00:00:00:01 ARP reply 10.0.0.2 is-at 02:00:00:00:00:02",
                "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 10.0.0.1.5000 > 10.0.0.2.7000 UDP, length 2");
        assertThat(wire.get(0).length()).as("zero-padded to the Ethernet minimum").isEqualTo(60);
        assertThat(got).singleElement().satisfies(d -> {
            assertThat(new String(d.data())).isEqualTo("hi");
            assertThat(d.source()).isEqualTo(IP_A);
            assertThat(d.sourcePort()).isEqualTo(5000);
            assertThat(d.arrivedOn()).isSameAs(ib);
        });
        assertThat(a.arp().entries()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(NeighborState.REACHABLE);
            assertThat(e.mac()).isEqualTo(MAC_B);
        });
        assertThat(b.arp().entries()).singleElement().satisfies(e -> assertThat(e.state()).isEqualTo(NeighborState.STALE));
        assertThat(a.counters().get(StackEvent.ARP_TX_REQUEST)).isEqualTo(1);
    }

    @Test void echo_rttIsTwiceDelayPlusSerialization_rfc792() {
        List<Long> replies = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        a.icmp().addEchoReplyListener((id, seq, from, d, now) -> { replies.add(now); data.add(d); });
        byte[] payload = new byte[56];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        a.icmp().sendEchoRequest(IP_B, 0x1234, 1, payload, 64);
        sim.runFor(SimTime.millis(100));
        long t0 = sim.now();
        a.icmp().sendEchoRequest(IP_B, 0x1234, 2, payload, 64);
        sim.runFor(SimTime.millis(100));
        assertThat(replies).hasSize(2);
        long rtt = replies.get(1) - t0;
        assertThat(rtt).isEqualTo(2 * (DELAY + params.serializationNanos(98)));
        assertThat(data.get(1)).isEqualTo(payload);
        Frame request = wire.get(wire.size() - 2), reply = wire.get(wire.size() - 1);
        assertThat(Bytes.u16(request.bytes(), 20) & 0x4000).as("request DF, like Linux ping").isNotZero();
        assertThat(Bytes.u16(reply.bytes(), 20) & 0x4000).as("reply DF clear").isZero();
        assertThat(Bytes.u8(reply.bytes(), 22)).isEqualTo(64);
        assertThat(b.counters().get(StackEvent.ICMP_TX_ECHO_REPLY)).isEqualTo(2);
    }

    @Test void echoLargerThanTheMtu_leavesFragmentedWithoutDf_andComesBack_linuxPmtudiscWant() {
        List<byte[]> data = new ArrayList<>();
        a.icmp().addEchoReplyListener((id, seq, from, d, now) -> data.add(d));
        byte[] payload = new byte[3000];
        for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
        assertThat(a.icmp().sendEchoRequest(IP_B, 7, 1, payload, 64)).isTrue();
        sim.runFor(SimTime.millis(100));
        assertThat(data).hasSize(1);
        assertThat(data.getFirst()).isEqualTo(payload);
        List<Frame> requests = wire.stream().filter(f -> Bytes.u16(f.bytes(), 12) == 0x0800 && Bytes.u8(f.bytes(), 23) == 1 && Bytes.u8(f.bytes(), 29) == 1).toList();
        assertThat(requests).hasSize(3);                            // 3008 bytes of ICMP in 1480 + 1480 + 48
        assertThat(requests).allMatch(f -> (Bytes.u16(f.bytes(), 20) & 0x4000) == 0, "DF clear");
        assertThat(a.counters().get(StackEvent.IPV4_TX_FRAGMENT)).isEqualTo(3);
    }

    @Test void udpEcho_roundTrip() {
        b.udp().bind(Ipv4Address.ANY, 7, (d, now) -> b.udp().sockets().getFirst().sendTo(d.source(), d.sourcePort(), d.data()));
        List<UdpDatagram> back = new ArrayList<>();
        UdpSocket client = a.udp().bind(Ipv4Address.ANY, 0, (d, now) -> back.add(d));
        assertThat(client.localPort()).isBetween(32768, 60999);
        client.sendTo(IP_B, 7, "echo me".getBytes());
        sim.runFor(SimTime.millis(100));
        assertThat(back).singleElement().satisfies(d -> {
            assertThat(new String(d.data())).isEqualTo("echo me");
            assertThat(d.sourcePort()).isEqualTo(7);
            assertThat(d.destinationPort()).isEqualTo(client.localPort());
        });
    }

    @Test void udpToClosedPort_portUnreachableReachesSocket_rfc1122_4_1_3_1() {
        UdpSocket s = a.udp().bind(Ipv4Address.ANY, 5000, (d, now) -> {});
        List<Icmpv4Error> errors = new ArrayList<>();
        s.onError(errors::add);
        s.sendTo(IP_B, 9, new byte[4]);
        sim.runFor(SimTime.millis(100));
        assertThat(b.counters().drops(UdpDrop.NO_SOCKET)).isEqualTo(1);
        assertThat(printed().getLast()).isEqualTo(
                "02:00:00:00:00:02 > 02:00:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP port unreachable (udp 10.0.0.1.5000 > 10.0.0.2.9), length 40");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Icmpv4Message.CODE_PORT_UNREACHABLE);
            assertThat(e.reporter()).isEqualTo(IP_B);
            assertThat(e.originalDestinationPort()).isEqualTo(9);
            assertThat(e.local()).isFalse();
        });
        assertThat(s.lastError()).isNotNull();
    }

    @Test void ttlOne_isAcceptedByHost_ttlZeroNeverSent_rfc1122_3_2_1_7() {
        List<Integer> seqs = new ArrayList<>();
        a.icmp().addEchoReplyListener((id, seq, from, d, now) -> seqs.add(seq));
        assertThat(a.icmp().sendEchoRequest(IP_B, 1, 1, new byte[8], 1)).isTrue();
        assertThat(a.icmp().sendEchoRequest(IP_B, 1, 2, new byte[8], 0)).isFalse();
        sim.runFor(SimTime.millis(100));
        assertThat(seqs).containsExactly(1);
        Frame request = wire.stream().filter(f -> Bytes.u16(f.bytes(), 12) == 0x0800).findFirst().orElseThrow();
        assertThat(Bytes.u8(request.bytes(), 22)).isEqualTo(1);
        assertThat(a.counters().drops(Ipv4Drop.TTL_ZERO)).isEqualTo(1);
    }

    @Test void arpUnanswered_threeRequestsOneSecondApart_thenHostUnreachableToSender() {
        List<Icmpv4Error> errors = new ArrayList<>();
        List<Long> when = new ArrayList<>();
        a.icmp().addErrorListener((e, now) -> { errors.add(e); when.add(now); });
        Ipv4Address ghost = Ipv4Address.parse("10.0.0.99");
        a.icmp().sendEchoRequest(ghost, 7, 1, new byte[8], 64);
        a.icmp().sendEchoRequest(ghost, 7, 2, new byte[8], 64);
        sim.runFor(SimTime.seconds(5));
        assertThat(wireTimes).containsExactly(0L, SimTime.SECOND, 2 * SimTime.SECOND);
        assertThat(printed()).allMatch(l -> l.endsWith("ARP who-has 10.0.0.99 tell 10.0.0.1"));
        assertThat(when).containsExactly(3 * SimTime.SECOND, 3 * SimTime.SECOND);
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(Icmpv4Message.CODE_HOST_UNREACHABLE);
            assertThat(e.local()).isTrue();
            assertThat(e.originalDestination()).isEqualTo(ghost);
            assertThat(e.describe()).isEqualTo("Destination Host Unreachable");
        });
        assertThat(a.counters().drops(ArpDrop.RESOLUTION_FAILED)).isEqualTo(2);
        assertThat(a.arp().entries()).isEmpty();
    }

    @Test void largeUdp_fragmentsToMtu_andReassembles_rfc791_3_2() {
        byte[] big = new byte[4000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7);
        List<UdpDatagram> got = new ArrayList<>();
        b.udp().bind(Ipv4Address.ANY, 9000, (d, now) -> got.add(d));
        a.udp().bind(Ipv4Address.ANY, 9001, (d, now) -> {}).sendTo(IP_B, 9000, big);
        sim.runFor(SimTime.millis(100));
        List<Frame> ip = wire.stream().filter(f -> Bytes.u16(f.bytes(), 12) == 0x0800).toList();
        assertThat(ip).hasSize(3);
        assertThat(ip).extracting(f -> Bytes.u16(f.bytes(), 20)).containsExactly(0x2000, 0x2000 | 185, 370);
        assertThat(ip).extracting(Frame::length).containsExactly(1514, 1514, 14 + 20 + 4008 - 2960);
        assertThat(ip).extracting(f -> Bytes.u16(f.bytes(), 18)).as("one identification").containsOnly(Bytes.u16(ip.get(0).bytes(), 18));
        assertThat(got).singleElement().satisfies(d -> assertThat(d.data()).isEqualTo(big));
        assertThat(b.counters().get(StackEvent.IPV4_RX_REASSEMBLED)).isEqualTo(1);
        assertThat(b.ipv4().reassembly().inProgress()).isZero();
    }

    @Test void dontFragment_overMtu_isRefused_rfc1191() {
        assertThat(a.ipv4().send(IP_A, IP_B, IpProtocol.TCP, 64, true, new byte[1481], 0, 1481)).isFalse();
        assertThat(a.counters().drops(Ipv4Drop.FRAGMENTATION_NEEDED)).isEqualTo(1);
        assertThat(a.ipv4().send(IP_A, IP_B, IpProtocol.TCP, new byte[1480], 0, 1480)).isTrue();
    }

    @Test void registeredProtocol_receivesItsDatagrams_unregisteredOneIsProtocolUnreachable_rfc1122_3_2_2_1() {
        List<InboundDatagram> got = new ArrayList<>();
        b.ipv4().register(IpProtocol.of(89), (d, now) -> got.add(d));
        assertThat(a.ipv4().send(IP_A, IP_B, IpProtocol.of(89), new byte[12], 0, 12)).isTrue();
        assertThat(a.ipv4().send(IP_A, IP_B, IpProtocol.of(132), new byte[12], 0, 12)).isTrue();
        sim.runFor(SimTime.millis(100));
        assertThat(got).singleElement().satisfies(d -> {
            assertThat(d.protocol()).isEqualTo(IpProtocol.of(89));
            assertThat(d.payloadLength()).isEqualTo(12);
            assertThat(d.arrivedOn()).isSameAs(ib);
        });
        assertThat(b.counters().drops(Ipv4Drop.UNKNOWN_PROTOCOL)).isEqualTo(1);
        assertThat(printed()).contains(
                "02:00:00:00:00:01 > 02:00:00:00:00:02 IPv4 10.0.0.1 > 10.0.0.2 ip-proto-89, length 12",
                "02:00:00:00:00:02 > 02:00:00:00:00:01 IPv4 10.0.0.2 > 10.0.0.1 ICMP protocol unreachable (ip-proto-132 10.0.0.1 > 10.0.0.2), length 40");
        assertThatThrownBy(() -> b.ipv4().register(IpProtocol.UDP, (d, now) -> {}))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test void neighbor_reachableGoesStaleAfter30s_thenExpires() {
        a.icmp().sendEchoRequest(IP_B, 1, 1, new byte[8], 64);
        sim.runFor(SimTime.seconds(29));
        assertThat(a.arp().entries().getFirst().state()).isEqualTo(NeighborState.REACHABLE);
        sim.runFor(SimTime.seconds(2));
        assertThat(a.arp().entries().getFirst().state()).isEqualTo(NeighborState.STALE);
        sim.runFor(NeighborCache.STALE_EXPIRE_NANOS);
        assertThat(a.arp().entries()).isEmpty();
    }

    @Test void staleEntryInUse_isProbedByUnicastAfterDelay_rfc1122_2_3_2_1() {
        a.icmp().sendEchoRequest(IP_B, 1, 1, new byte[8], 64);
        sim.runFor(SimTime.seconds(31));
        int before = wire.size();
        a.icmp().sendEchoRequest(IP_B, 1, 2, new byte[8], 64);
        sim.runFor(SimTime.seconds(6));
        assertThat(printed().subList(before, printed().size())).contains(
                "02:00:00:00:00:01 > 02:00:00:00:00:02 ARP who-has 10.0.0.2 tell 10.0.0.1");
        assertThat(a.arp().entries().getFirst().state()).isEqualTo(NeighborState.REACHABLE);
    }

    @Test void probe_detectsConflictOrNot_rfc5227() {
        List<Boolean> results = new ArrayList<>();
        a.arp().probe(ia, IP_B, results::add);
        a.arp().probe(ia, Ipv4Address.parse("10.0.0.50"), results::add);
        sim.runFor(SimTime.seconds(10));
        assertThat(results).containsExactly(true, false);
    }

    @Test void pingOwnAddress_loopsBackWithoutTheWire() {
        List<Integer> seqs = new ArrayList<>();
        a.icmp().addEchoReplyListener((id, seq, from, d, now) -> seqs.add(seq));
        a.icmp().sendEchoRequest(IP_A, 1, 5, new byte[8], 64);
        sim.runFor(SimTime.millis(100));
        assertThat(seqs).containsExactly(5);
        assertThat(wire).isEmpty();
    }

    @Test void defaultGateway_isNextHopForOffLinkDestinations() {
        a.setDefaultGateway(IP_B);
        a.icmp().sendEchoRequest(Ipv4Address.parse("192.0.2.1"), 1, 1, new byte[8], 64);
        sim.runFor(SimTime.millis(100));
        assertThat(printed().getFirst()).endsWith("ARP who-has 10.0.0.2 tell 10.0.0.1");
        assertThat(b.counters().drops(Ipv4Drop.NOT_FOR_THIS_HOST)).as("a host does not forward").isEqualTo(1);
        assertThat(a.routes().routes()).extracting(Object::toString).containsExactly("10.0.0.0/24 dev eth0", "default via 10.0.0.2 dev eth0");
    }

    @Test void noRoute_isCountedNotThrown() {
        assertThat(a.icmp().sendEchoRequest(Ipv4Address.parse("192.0.2.1"), 1, 1, new byte[8], 64)).isFalse();
        assertThat(a.counters().drops(Ipv4Drop.NO_ROUTE)).isEqualTo(1);
        assertThat(a.counters().snapshot()).containsEntry("ipv4.tx.drop.no_route", 1L);
    }

    @Test void bindSamePortTwice_fails() {
        a.udp().bind(Ipv4Address.ANY, 53, (d, now) -> {});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.udp().bind(IP_A, 53, (d, now) -> {}))
                .isInstanceOf(io.wirelab.stack.udp.UdpBindException.class).hasMessageContaining("port in use");
    }

    @Test void malformedCountersKeepTheReason() {
        StackCounters c = new StackCounters();
        c.drop(Ipv4Drop.MALFORMED, Malformed.BAD_HEADER_LENGTH);
        assertThat(c.snapshot()).containsEntry("ipv4.rx.drop.malformed", 1L).containsEntry("ipv4.rx.drop.malformed.bad_header_length", 1L);
        assertThat(c.malformed(Ipv4Drop.MALFORMED, Malformed.BAD_HEADER_LENGTH)).isEqualTo(1);
        assertThat(c.malformed(UdpDrop.MALFORMED, Malformed.BAD_HEADER_LENGTH)).isZero();
        assertThat(c.totalDrops()).isEqualTo(1);
    }

    @Test void tcpDrops_areCountedByTcpNotByTheStack() {
        assertThatThrownBy(() -> new StackCounters().drop(io.wirelab.stack.tcp.TcpDrop.NO_SOCKET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp.rx.drop.no_socket");
    }
}
