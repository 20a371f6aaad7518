package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FloodBatch;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.arp.ArpOperation;
import io.wirelab.wire.arp.ArpPacket;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import io.wirelab.wire.ipv4.Ipv4Header;
import io.wirelab.wire.udp.UdpHeader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flooded frame (delivered through a FloodBatch, where the port's FloodSieve may count and drop it)
 * leaves the same counters, ARP cache, replies and deliveries as the same frame delivered alone through
 * the full receive path; and the sieve takes the frames it is meant to take.
 */
class FloodSieveTest {
    static final MacAddress MAC_H = MacAddress.local(2), MAC_X = MacAddress.local(7), MAC_Y = MacAddress.local(8);
    static final Ipv4Address H = Ipv4Address.parse("10.0.0.2"), X = Ipv4Address.parse("10.0.0.7"), Y = Ipv4Address.parse("10.0.0.8");

    final Simulator sim = new Simulator(5);
    final Host flooded = new Host("flooded"), alone = new Host("alone");

    /** A stack behind a raw port; what it sends back is collected. */
    final class Host {
        final Port raw, port;
        final NetworkStack stack;
        final NetInterface iface;
        final List<String> sent = new ArrayList<>();
        final List<Integer> udpReceived = new ArrayList<>();

        Host(String name) {
            raw = new Port("x:" + name, sim);
            port = new Port(name + ":eth0", sim);
            Link.connect(sim, raw, port, LinkParams.DEFAULT);
            stack = new NetworkStack(sim, name);
            iface = stack.addInterface("eth0", port, MAC_H);
            iface.configure(Ipv4Cidr.parse("10.0.0.2/24"));
            raw.addTap((p, dir, f, now) -> { if (dir == FrameTap.Direction.INBOUND) sent.add(Arrays.toString(f.bytes())); });
        }
    }

    /** The frame reaches `flooded` as a flood's receiver and `alone` as a single arrival. */
    void send(byte[] frame) {
        Frame f = new Frame(frame);
        FloodBatch batch = new FloodBatch(sim, "flood");
        batch.open();
        flooded.raw.transmit(f, batch);
        batch.schedule();
        alone.raw.transmit(f);
        sim.runFor(SimTime.millis(10));
    }

    void assertSameOutcome() {
        assertThat(flooded.stack.counters().snapshot()).isEqualTo(alone.stack.counters().snapshot());
        assertThat(flooded.stack.arp().entries()).isEqualTo(alone.stack.arp().entries());
        assertThat(flooded.sent).isEqualTo(alone.sent);
        assertThat(flooded.udpReceived).isEqualTo(alone.udpReceived);
    }

    static byte[] arp(MacAddress ethSource, MacAddress dst, ArpPacket p) {
        byte[] f = new byte[60];
        new EthernetHeader(dst, ethSource, EtherType.ARP).emit(f, 0);
        p.emit(f, 14);
        return f;
    }

    static byte[] arpRequest(MacAddress from, Ipv4Address sender, Ipv4Address target) {
        return arp(from, MacAddress.BROADCAST, new ArpPacket(ArpOperation.REQUEST, from, sender, MacAddress.ZERO, target));
    }

    static byte[] udpBroadcast(Ipv4Address source, int dstPort) {
        byte[] u = new byte[8 + 20];
        new UdpHeader(68, dstPort, 20).emit(u, 0, source, Ipv4Address.BROADCAST);
        byte[] f = new byte[14 + 20 + u.length];
        new EthernetHeader(MacAddress.BROADCAST, MAC_X, EtherType.IPV4).emit(f, 0);
        new Ipv4Header(0, 1, false, false, 0, 64, IpProtocol.UDP, source, Ipv4Address.BROADCAST, u.length).emit(f, 14);
        System.arraycopy(u, 0, f, 34, u.length);
        return f;
    }

    @Test void arpRequestForAnotherAddress_isCountedAndDroppedByTheSieve() {
        send(arpRequest(MAC_X, X, Y));
        assertThat(flooded.iface.sieve().arpRequests()).isEqualTo(1);
        assertSameOutcome();
        assertThat(flooded.stack.counters().drops(ArpDrop.NOT_FOR_US)).isEqualTo(1);
        assertThat(flooded.stack.counters().get(StackEvent.ETHERNET_RX)).isEqualTo(1);
        assertThat(flooded.stack.counters().get(StackEvent.ARP_RX_REQUEST)).isEqualTo(1);
        assertThat(flooded.iface.sieve().arpRequests()).isZero();   // drained into the counters when read
    }

    @Test void arpRequestForUs_isAnsweredAndLearned() {
        send(arpRequest(MAC_X, X, H));
        assertSameOutcome();
        assertThat(flooded.sent).hasSize(1);
        assertThat(flooded.stack.arp().lookup(flooded.iface, X)).isEqualTo(MAC_X);
    }

    @Test void arpRequestFromASenderInTheCache_updatesItsEntry() {
        send(arpRequest(MAC_X, X, H));                   // both learn X at MAC_X
        send(arpRequest(MAC_Y, X, Y));                   // RFC 826 merge: X moved to MAC_Y, though not for us
        assertThat(flooded.iface.sieve().arpRequests()).isZero();
        assertSameOutcome();
        assertThat(flooded.stack.arp().lookup(flooded.iface, X)).isEqualTo(MAC_Y);
    }

    @Test void arpProbes_conflictsAndOurOwnFrames_goTheFullPath() {
        send(arpRequest(MAC_X, Ipv4Address.ANY, Y));     // a probe for another address: dropped by the sieve
        assertThat(flooded.iface.sieve().arpRequests()).isEqualTo(1);
        send(arpRequest(MAC_X, Ipv4Address.ANY, H));     // a probe for ours: answered
        send(arpRequest(MAC_X, H, Y));                   // another host claims our address (RFC 5227 §2.4)
        send(arpRequest(MAC_H, Y, X));                   // looks like our own
        send(arpRequest(MAC_X, Ipv4Address.parse("10.0.0.255"), Y));   // sender is the subnet broadcast
        assertThat(flooded.iface.sieve().arpRequests()).isEqualTo(1);
        assertSameOutcome();
        assertThat(flooded.stack.counters().drops(ArpDrop.ADDRESS_CONFLICT)).isEqualTo(1);
        assertThat(flooded.stack.counters().drops(ArpDrop.BAD_SENDER)).isEqualTo(1);
    }

    @Test void whileProbing_everyArpPacketGoesTheFullPath() {
        List<Boolean> conflict = new ArrayList<>();
        for (Host h : List.of(flooded, alone)) h.stack.arp().probe(h.iface, Y, conflict::add);
        send(arpRequest(MAC_X, Y, X));                   // Y is claimed: both probes end with a conflict
        assertThat(conflict).containsExactly(true, true);
        assertThat(flooded.iface.sieve().arpRequests()).isZero();
        assertSameOutcome();
    }

    @Test void udpBroadcastToAPortWithoutSocket_isCountedAndDropped_withASocket_isDelivered() {
        send(udpBroadcast(Ipv4Address.ANY, 67));
        assertThat(flooded.iface.sieve().udpBroadcasts()).isEqualTo(1);
        assertSameOutcome();
        for (Host h : List.of(flooded, alone)) h.stack.udp().bind(Ipv4Address.ANY, 67, (d, now) -> h.udpReceived.add(d.data().length));
        send(udpBroadcast(Ipv4Address.ANY, 67));
        assertThat(flooded.iface.sieve().udpBroadcasts()).isZero();
        assertSameOutcome();
        assertThat(flooded.udpReceived).containsExactly(20);
        assertThat(flooded.stack.counters().drops(io.wirelab.stack.udp.UdpDrop.NO_SOCKET_BROADCAST)).isEqualTo(1);
    }

    @Test void udpBroadcastFromOurOwnAddress_isAMartian() {
        send(udpBroadcast(H, 67));
        assertSameOutcome();
        assertThat(flooded.stack.counters().drops(Ipv4Drop.MARTIAN_SOURCE)).isEqualTo(1);
    }

    @Test void unicastForAnotherStation_isCountedAndDropped_forUs_isTakenIn() {
        byte[] other = arp(MAC_X, MAC_Y, ArpPacket.reply(MAC_X, X, MAC_Y, Y));
        send(other);
        assertThat(flooded.iface.sieve().notForUs()).isEqualTo(1);
        byte[] ours = arp(MAC_X, MAC_H, ArpPacket.reply(MAC_X, X, MAC_H, H));
        send(ours);
        assertSameOutcome();
        assertThat(flooded.stack.counters().drops(EthernetDrop.NOT_FOR_US)).isEqualTo(1);
        assertThat(flooded.stack.counters().get(StackEvent.ARP_RX_REPLY)).isEqualTo(1);
    }

    @Test void malformedFrames_goTheFullPathAndAreCountedThere() {
        byte[] bad = arpRequest(MAC_X, X, Y);
        bad[14] = 9;                                     // hardware type 0x0906
        send(bad);
        byte[] badChecksum = udpBroadcast(X, 67);
        badChecksum[24] ^= 1;
        send(badChecksum);
        assertSameOutcome();
        assertThat(flooded.stack.counters().drops(ArpDrop.MALFORMED)).isEqualTo(1);
        assertThat(flooded.stack.counters().drops(Ipv4Drop.BAD_CHECKSUM)).isEqualTo(1);
    }

    @Test void addressBloom_forgetsWhatWasRemoved() {
        AddressBloom b = new AddressBloom();
        assertThat(b.mayHold(67)).isFalse();
        b.add(67);
        b.add(67);
        assertThat(b.mayHold(67)).isTrue();
        b.remove(67);
        assertThat(b.mayHold(67)).isTrue();
        b.remove(67);
        assertThat(b.mayHold(67)).isFalse();
    }
}
