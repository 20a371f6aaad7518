package io.wirelab.devices.router;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.udp.UdpHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crafted datagrams into a two-interface router: what leaves it, byte by byte. */
class RouterTest {
    private static final MacAddress R_ETH0 = MacAddress.parse("02:00:00:00:09:00");
    private static final MacAddress R_ETH1 = MacAddress.parse("02:00:00:00:09:01");
    private static final Ipv4Address H1 = Ipv4Address.parse("10.1.0.2"), H2 = Ipv4Address.parse("10.2.0.2");

    private final Simulator sim = new Simulator(1);
    private final Router router = new Router(sim, "r1");
    private final RawHost h1, h2;

    RouterTest() {
        router.addInterface("eth0", R_ETH0, Ipv4Cidr.parse("10.1.0.1/24"));
        router.addInterface("eth1", R_ETH1, Ipv4Cidr.parse("10.2.0.1/24"));
        h1 = new RawHost(sim, "h1", MacAddress.parse("02:00:00:00:01:00"), H1, router.port("eth0"));
        h2 = new RawHost(sim, "h2", MacAddress.parse("02:00:00:00:02:00"), H2, router.port("eth1"));
    }

    /** A UDP datagram src -> dst with ttl and df, 'size' payload bytes 0, 1, 2, ... */
    private static byte[] udp(Ipv4Address src, Ipv4Address dst, int ttl, boolean df, int size) {
        byte[] d = new byte[Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + size];
        for (int i = 0; i < size; i++) d[Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + i] = (byte) i;
        new Ipv4Header(0, 0x1234, df, false, 0, ttl, IpProtocol.UDP, src, dst, UdpHeader.LENGTH + size).emit(d, 0);
        new UdpHeader(40000, 33434, size).emit(d, Ipv4Header.MIN_LENGTH, src, dst);
        return d;
    }

    private static byte[] ip(byte[] frame) {
        return Arrays.copyOfRange(frame, EthernetHeader.LENGTH, EthernetHeader.LENGTH + Bytes.u16(frame, EthernetHeader.LENGTH + 2));
    }

    @Test
    void unicast_isForwardedWithTtlDecrementedAndChecksumUpdated() {
        byte[] sent = udp(H1, H2, 64, true, 100);
        h1.send(R_ETH0, sent);
        sim.run();
        assertThat(h2.ipv4).hasSize(1);
        byte[] frame = h2.ipv4.getFirst();
        assertThat(MacAddress.read(frame, 6)).isEqualTo(R_ETH1);
        assertThat(MacAddress.read(frame, 0)).isEqualTo(h2.mac);
        byte[] got = ip(frame);
        assertThat(got[8] & 0xff).isEqualTo(63);
        assertThat(Checksum.fold(got, 0, 20)).isZero();
        byte[] expected = sent.clone();
        expected[8] = 63;
        Bytes.put16(expected, 10, 0);
        Bytes.put16(expected, 10, Checksum.fold(expected, 0, 20));
        assertThat(got).isEqualTo(expected);
        assertThat(router.count(RouterEvent.FORWARDED)).isEqualTo(1);
        assertThat(router.forwardIn("eth0")).isEqualTo(1);
        assertThat(router.forwardedOut("eth1")).isEqualTo(1);
        assertThat(h1.ipv4).isEmpty();
    }

    @Test
    void incrementalChecksum_equalsFullRecomputation() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            byte[] h = new byte[20];
            for (int i = 0; i < 20; i++) h[i] = (byte) r.nextInt(256);
            h[0] = 0x45;
            h[8] = (byte) (2 + r.nextInt(254));
            Bytes.put16(h, 10, 0);
            Bytes.put16(h, 10, Checksum.fold(h, 0, 20));
            byte[] incremental = h.clone();
            Forwarder.decrementTtl(incremental, 0);
            byte[] full = h.clone();
            full[8]--;
            Bytes.put16(full, 10, 0);
            Bytes.put16(full, 10, Checksum.fold(full, 0, 20));
            assertThat(incremental).as("header %s", Arrays.toString(h)).isEqualTo(full);
        }
    }

    @Test
    void ttlOne_getsTimeExceededQuotingTheHeaderAndEightBytes_fromTheIngressAddress() {
        byte[] sent = udp(H1, H2, 1, false, 32);
        h1.send(R_ETH0, sent);
        sim.run();
        assertThat(h2.ipv4).isEmpty();
        assertThat(h1.ipv4).hasSize(1);
        byte[] reply = ip(h1.ipv4.getFirst());
        assertThat(Checksum.fold(reply, 0, 20)).isZero();
        assertThat(Ipv4Address.read(reply, 12)).isEqualTo(Ipv4Address.parse("10.1.0.1"));
        assertThat(Ipv4Address.read(reply, 16)).isEqualTo(H1);
        assertThat(reply[8] & 0xff).isEqualTo(64);
        assertThat(reply[9]).isEqualTo((byte) 1);
        int icmp = 20;
        assertThat(reply[icmp] & 0xff).isEqualTo(Icmpv4Message.TYPE_TIME_EXCEEDED);
        assertThat(reply[icmp + 1]).isZero();
        assertThat(Checksum.fold(reply, icmp, reply.length - icmp)).isZero();
        byte[] quoted = Arrays.copyOfRange(reply, icmp + 8, reply.length);
        assertThat(quoted.length).isGreaterThanOrEqualTo(28);
        assertThat(Arrays.copyOf(quoted, 28)).isEqualTo(Arrays.copyOf(sent, 28));   // the header as received (TTL 1) + 8 bytes
        assertThat(quoted).isEqualTo(sent);                                        // RFC 1812 §4.3.2.3: all of it, it fits in 576
        assertThat(router.drops(RouterDrop.TTL_EXCEEDED)).isEqualTo(1);
        assertThat(router.count(RouterEvent.ICMP_TIME_EXCEEDED)).isEqualTo(1);
    }

    @Test
    void noRoute_getsNetUnreachable() {
        h1.send(R_ETH0, udp(H1, Ipv4Address.parse("192.0.2.7"), 64, false, 8));
        sim.run();
        byte[] reply = ip(h1.ipv4.getFirst());
        assertThat(reply[20] & 0xff).isEqualTo(Icmpv4Message.TYPE_DESTINATION_UNREACHABLE);
        assertThat(reply[21] & 0xff).isEqualTo(Icmpv4Message.CODE_NET_UNREACHABLE);
        assertThat(router.drops(RouterDrop.NO_ROUTE)).isEqualTo(1);
        assertThat(router.droppedIn("eth0")).isEqualTo(1);
    }

    @Test
    void staticRoute_sendsToTheGatewaysMac_longestPrefixWins() {
        router.addRoute(Ipv4Cidr.parse("10.0.0.0/8"), Ipv4Address.parse("10.1.0.2"));     // back out eth0 to h1
        router.addRoute(Ipv4Cidr.parse("10.9.0.0/16"), Ipv4Address.parse("10.2.0.2"));    // out eth1 to h2
        h1.send(R_ETH0, udp(H1, Ipv4Address.parse("10.9.1.1"), 64, false, 8));
        sim.run();
        assertThat(h2.ipv4).hasSize(1);
        assertThat(Ipv4Address.read(ip(h2.ipv4.getFirst()), 16)).isEqualTo(Ipv4Address.parse("10.9.1.1"));
        assertThat(router.routes()).extracting(Object::toString)
                .containsExactly("10.1.0.0/24 dev eth0", "10.2.0.0/24 dev eth1", "10.0.0.0/8 via 10.1.0.2 dev eth0", "10.9.0.0/16 via 10.2.0.2 dev eth1");
    }

    @Test
    void broadcasts_areNotForwarded_andGetNoIcmp() {
        h1.send(MacAddress.BROADCAST, udp(H1, H2, 64, false, 8));                                    // unicast IP in a link broadcast
        h1.send(R_ETH0, udp(H1, Ipv4Address.parse("10.2.0.255"), 64, false, 8));                   // directed broadcast
        h1.send(MacAddress.BROADCAST, udp(H1, Ipv4Address.BROADCAST, 64, false, 8));                // limited broadcast
        sim.run();
        assertThat(h2.ipv4).isEmpty();
        assertThat(h1.ipv4).isEmpty();
        assertThat(router.drops(RouterDrop.LINK_BROADCAST)).isEqualTo(1);
        assertThat(router.drops(RouterDrop.DIRECTED_BROADCAST)).isEqualTo(1);
    }

    @Test
    void dfOverTheEgressMtu_getsFragmentationNeededWithTheMtu() {
        router.stack().iface("eth1").setMtu(576);
        h1.send(R_ETH0, udp(H1, H2, 64, true, 1000));
        sim.run();
        assertThat(h2.ipv4).isEmpty();
        byte[] reply = ip(h1.ipv4.getFirst());
        assertThat(reply[20] & 0xff).isEqualTo(Icmpv4Message.TYPE_DESTINATION_UNREACHABLE);
        assertThat(reply[21] & 0xff).isEqualTo(Icmpv4Message.CODE_FRAGMENTATION_NEEDED);
        assertThat(Bytes.u16(reply, 26)).isEqualTo(576);
        assertThat(reply.length).isLessThanOrEqualTo(576);
    }

    @Test
    void withoutDf_isFragmentedToTheEgressMtu_andReassemblesToTheOriginal() {
        router.stack().iface("eth1").setMtu(576);
        byte[] sent = udp(H1, H2, 64, false, 1000);
        h1.send(R_ETH0, sent);
        sim.run();
        assertThat(h2.ipv4).hasSize(2);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int expectedOffset = 0;
        for (int k = 0; k < 2; k++) {
            byte[] f = ip(h2.ipv4.get(k));
            assertThat(f.length).isLessThanOrEqualTo(576);
            assertThat(Checksum.fold(f, 0, 20)).isZero();
            assertThat(f[8] & 0xff).isEqualTo(63);
            assertThat(Bytes.u16(f, 4)).isEqualTo(0x1234);
            int flagsOffset = Bytes.u16(f, 6);
            assertThat((flagsOffset & 0x2000) != 0).isEqualTo(k == 0);
            assertThat((flagsOffset & 0x1fff) * 8).isEqualTo(expectedOffset);
            payload.writeBytes(Arrays.copyOfRange(f, 20, f.length));
            expectedOffset += f.length - 20;
        }
        assertThat(payload.toByteArray()).isEqualTo(Arrays.copyOfRange(sent, 20, sent.length));
        assertThat(router.count(RouterEvent.FRAGMENT_SENT)).isEqualTo(2);
    }

    @Test
    void copiedOptions_keepOnlyOptionsWithTheCopiedFlag() {
        byte[] options = {(byte) 0x83, 7, 4, 0, 0, 0, 0,   // loose source route: copied
                7, 3, 4,                                       // record route: not copied
                1, 0};                                         // NOP, end of list
        assertThat(Forwarder.copiedOptions(options, 0, options.length)).containsExactly(0x83, 7, 4, 0, 0, 0, 0, 0);
    }

    @Test
    void icmpErrorWithTtlOne_getsNoIcmpAboutIt() {
        byte[] icmp = new byte[36];
        new Icmpv4Message.DestinationUnreachable(3, 0, Arrays.copyOf(udp(H2, H1, 64, false, 0), 28)).emit(icmp, 0);
        byte[] d = new byte[20 + icmp.length];
        new Ipv4Header(H1, H2, IpProtocol.ICMP, 1, 7, false, icmp.length).emit(d, 0);
        System.arraycopy(icmp, 0, d, 20, icmp.length);
        h1.send(R_ETH0, d);
        sim.run();
        assertThat(h1.ipv4).isEmpty();
        assertThat(router.count(RouterEvent.ICMP_SUPPRESSED)).isEqualTo(1);
    }

    @Test
    void icmpErrors_areRateLimitedPerDestination_burstOfSixThenOnePerSecond() {
        long start = sim.now();
        for (int i = 0; i < 10; i++) h1.send(R_ETH0, udp(H1, H2, 1, false, 8));
        sim.runFor(SimTime.millis(1));
        assertThat(h1.ipv4).hasSize(6);
        assertThat(router.count(RouterEvent.ICMP_RATE_LIMITED)).isEqualTo(4);
        sim.runUntil(start + SimTime.millis(999));
        h1.send(R_ETH0, udp(H1, H2, 1, false, 8));
        sim.runFor(SimTime.millis(1));
        assertThat(h1.ipv4).hasSize(6);
        sim.runUntil(start + SimTime.millis(1000));
        h1.send(R_ETH0, udp(H1, H2, 1, false, 8));
        sim.runFor(SimTime.millis(1));
        assertThat(h1.ipv4).hasSize(7);
    }

    @Test
    void nextHopSilent_getsHostUnreachableAfterThreeArpRequests() {
        h2.mute = true;
        long start = sim.now();
        h1.send(R_ETH0, udp(H1, H2, 64, false, 8));
        sim.run();
        assertThat(h1.ipv4).hasSize(1);
        byte[] reply = ip(h1.ipv4.getFirst());
        assertThat(reply[21] & 0xff).isEqualTo(Icmpv4Message.CODE_HOST_UNREACHABLE);
        assertThat(reply[20 + 8 + 8] & 0xff).isEqualTo(63);     // the quoted header is the one that waited: TTL already decremented
        assertThat(h1.arrivals.getFirst() - start).isBetween(SimTime.seconds(3), SimTime.seconds(3) + SimTime.millis(10));
        assertThat(router.drops(RouterDrop.HOST_UNREACHABLE)).isEqualTo(1);
        assertThat(router.counters()).containsEntry("forward.drop.host_unreachable", 1L).containsEntry("eth0.forward.rx", 1L);
        assertThat(router.counter("eth1.forward.tx")).isEqualTo(1);
        assertThat(router.counter("forward.drop.no_route")).isZero();
        assertThatThrownBy(() -> router.counter("forward.drop.typo")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datagramForTheRouter_isAnsweredByItsStack_notForwarded() {
        h1.send(R_ETH0, udp(H1, Ipv4Address.parse("10.2.0.1"), 64, false, 8));   // the far interface's address
        sim.run();
        byte[] reply = ip(h1.ipv4.getFirst());
        assertThat(reply[21] & 0xff).isEqualTo(Icmpv4Message.CODE_PORT_UNREACHABLE);
        assertThat(Ipv4Address.read(reply, 12)).isEqualTo(Ipv4Address.parse("10.2.0.1"));
        assertThat(router.count(RouterEvent.FORWARDED)).isZero();
        assertThat(List.of(router.forwardIn("eth0"))).containsExactly(0L);
    }
}
