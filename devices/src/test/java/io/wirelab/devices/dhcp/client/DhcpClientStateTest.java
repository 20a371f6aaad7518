package io.wirelab.devices.dhcp.client;

import io.wirelab.buffer.Frame;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimRandom;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.udp.UdpDatagram;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dhcp.DhcpMessageType;
import io.wirelab.wire.dhcp.DhcpOptionCode;
import io.wirelab.wire.dhcp.DhcpOptions;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.wirelab.devices.dhcp.client.DhcpClientState.BOUND;
import static io.wirelab.devices.dhcp.client.DhcpClientState.INIT;
import static io.wirelab.devices.dhcp.client.DhcpClientState.REBINDING;
import static io.wirelab.devices.dhcp.client.DhcpClientState.RENEWING;
import static io.wirelab.devices.dhcp.client.DhcpClientState.REQUESTING;
import static io.wirelab.devices.dhcp.client.DhcpClientState.SELECTING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's RFC 2131 §4.4 state machine driven by crafted server messages: no DHCP server runs;
 * a plain stack at 10.0.0.1 answers ARP so unicast renewals can leave. What the client sends is read
 * off its wire.
 */
class DhcpClientStateTest {
    static final long SEED = 42;
    static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.1");
    static final MacAddress SERVER_MAC = MacAddress.local(0x100);
    static final Ipv4Address OFFERED = Ipv4Address.parse("10.0.0.100");
    static final Ipv4Address ROUTER = Ipv4Address.parse("10.0.0.254");

    /** A DHCP message the client put on the wire. */
    record Sent(long at, MacAddress dstMac, Ipv4Address src, Ipv4Address dst, DhcpMessage msg) {
        DhcpMessageType type() { return msg.messageType(); }
    }

    final Simulator sim = new Simulator(SEED);
    final List<Sent> sent = new ArrayList<>();
    final List<Frame> arp = new ArrayList<>();
    final NetworkStack pc = new NetworkStack(sim, "pc1");
    final NetInterface iface;
    final DhcpClient client;
    int lost;

    DhcpClientStateTest() {
        Port cp = new Port("pc1:eth0", sim), sp = new Port("srv:eth0", sim);
        Link.connect(sim, cp, sp, LinkParams.DEFAULT);
        new NetworkStack(sim, "srv").addInterface("eth0", sp, SERVER_MAC).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        iface = pc.addInterface("eth0", cp, MacAddress.local(1));
        cp.addTap((p, dir, f, now) -> {
            if (dir != FrameTap.Direction.OUTBOUND) return;
            byte[] b = f.bytes();
            if (Bytes.u16(b, 12) == 0x0806) { arp.add(f); return; }
            if (Bytes.u16(b, 12) != 0x0800 || Bytes.u8(b, 23) != 17) return;
            int udp = 14 + (Bytes.u8(b, 14) & 0xf) * 4;
            if (Bytes.u16(b, udp + 2) != 67) return;
            DhcpMessage m = DhcpMessage.parse(b, udp + 8, b.length - udp - 8).message();
            sent.add(new Sent(now, MacAddress.read(b, 0), Ipv4Address.read(b, 26), Ipv4Address.read(b, 30), m));
        });
        client = new DhcpClient(pc, iface, DhcpClientOptions.defaults());
        client.onLeaseLost(() -> lost++);
    }

    List<Sent> sent(DhcpMessageType t) { return sent.stream().filter(s -> s.type() == t).toList(); }

    /** A server reply to the client's last message, as it would arrive on port 68. */
    void reply(DhcpMessageType type, Ipv4Address yiaddr, DhcpOptions.Builder extra) {
        reply(sent.getLast().msg(), type, yiaddr, extra);
    }

    void reply(DhcpMessage to, DhcpMessageType type, Ipv4Address yiaddr, DhcpOptions.Builder extra) {
        DhcpOptions.Builder o = extra.messageType(type).address(DhcpOptionCode.SERVER_IDENTIFIER, SERVER);
        DhcpMessage m = DhcpMessage.reply(to, Ipv4Address.ANY, yiaddr, Ipv4Address.ANY, o.build());
        client.receive(new UdpDatagram(SERVER, 67, Ipv4Address.BROADCAST, 68, m.encode(), iface), sim.now());
    }

    static DhcpOptions.Builder leaseOptions(long seconds) {
        return DhcpOptions.builder().u32(DhcpOptionCode.LEASE_TIME, seconds)
                .address(DhcpOptionCode.SUBNET_MASK, Ipv4Address.parse("255.255.255.0"))
                .address(DhcpOptionCode.ROUTER, ROUTER)
                .address(DhcpOptionCode.DOMAIN_NAME_SERVER, Ipv4Address.parse("10.0.0.53"));
    }

    void discoverSent() {
        client.start();
        assertThat(sim.runUntil(() -> !sent.isEmpty(), SimTime.seconds(2))).isTrue();
    }

    DhcpLease bound(long leaseSeconds) {
        discoverSent();
        reply(DhcpMessageType.OFFER, OFFERED, leaseOptions(leaseSeconds));
        reply(DhcpMessageType.ACK, OFFERED, leaseOptions(leaseSeconds));
        assertThat(client.state()).isEqualTo(BOUND);
        return client.lease();
    }

    @Test void selecting_offerLeadsToBroadcastRequestForTheOfferedAddress() {
        discoverSent();
        assertThat(client.state()).isEqualTo(SELECTING);
        Sent d = sent.getFirst();
        assertThat(d.type()).isEqualTo(DhcpMessageType.DISCOVER);
        assertThat(d.src()).isEqualTo(Ipv4Address.ANY);
        assertThat(d.dst()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(d.dstMac()).isEqualTo(MacAddress.BROADCAST);
        assertThat(d.msg().broadcastFlag()).isFalse();   // as dhclient: OFFER and ACK come unicast to chaddr
        assertThat(d.msg().options().clientIdentifier()).containsExactly(1, 2, 0, 0, 0, 0, 1);

        // an OFFER for another transaction or another MAC is not ours (RFC 2131 §4.4.1)
        DhcpMessage foreign = DhcpMessage.request(d.msg().xid() + 1, iface.mac(), 0, 0, Ipv4Address.ANY, DhcpOptions.empty());
        reply(foreign, DhcpMessageType.OFFER, OFFERED, leaseOptions(600));
        DhcpMessage otherMac = DhcpMessage.request(d.msg().xid(), MacAddress.local(9), 0, 0, Ipv4Address.ANY, DhcpOptions.empty());
        reply(otherMac, DhcpMessageType.OFFER, OFFERED, leaseOptions(600));
        assertThat(client.counter("dhcp.rx.drop.not_ours")).isEqualTo(2);
        // an ACK in SELECTING is out of place
        reply(DhcpMessageType.ACK, OFFERED, leaseOptions(600));
        assertThat(client.state()).isEqualTo(SELECTING);
        assertThat(client.counter("dhcp.rx.drop.unexpected")).isEqualTo(1);

        reply(DhcpMessageType.OFFER, OFFERED, leaseOptions(600));
        assertThat(client.state()).isEqualTo(REQUESTING);
        sim.runFor(SimTime.millis(1));
        Sent r = sent.getLast();
        assertThat(r.type()).isEqualTo(DhcpMessageType.REQUEST);
        assertThat(r.dst()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(r.msg().xid()).isEqualTo(d.msg().xid());
        assertThat(r.msg().ciaddr()).isEqualTo(Ipv4Address.ANY);           // RFC 2131 §4.3.2 SELECTING: ciaddr 0
        assertThat(r.msg().options().requestedAddress()).isEqualTo(OFFERED);
        assertThat(r.msg().options().serverIdentifier()).isEqualTo(SERVER);
    }

    @Test void requesting_ackBindsAddressGatewayAndAnnounces_withoutProbe() {
        discoverSent();
        reply(DhcpMessageType.OFFER, OFFERED, leaseOptions(600));
        long ackAt = sim.now();
        reply(DhcpMessageType.ACK, OFFERED, leaseOptions(600));
        assertThat(client.state()).isEqualTo(BOUND);
        assertThat(iface.cidr()).isEqualTo(Ipv4Cidr.parse("10.0.0.100/24"));
        assertThat(pc.defaultGateway()).isEqualTo(ROUTER);
        DhcpLease l = client.leaseFuture().join();
        assertThat(l.dnsServers()).containsExactly(Ipv4Address.parse("10.0.0.53"));
        // RFC 2131 §4.4.5 defaults: T1 = 0.5, T2 = 0.875 of the lease
        assertThat(l.t1AtNanos()).isEqualTo(ackAt + SimTime.seconds(300));
        assertThat(l.t2AtNanos()).isEqualTo(ackAt + SimTime.seconds(525));
        assertThat(l.expiresAtNanos()).isEqualTo(ackAt + SimTime.seconds(600));
        sim.runFor(SimTime.millis(10));
        // without the RFC 5227 probe the only ARP is the announcement: sender IP == target IP
        assertThat(arp).hasSize(1);
        byte[] a = arp.getFirst().bytes();
        assertThat(Ipv4Address.read(a, 28)).isEqualTo(OFFERED);
        assertThat(Ipv4Address.read(a, 38)).isEqualTo(OFFERED);
        assertThat(client.history()).containsExactly(INIT, SELECTING, REQUESTING, BOUND);
    }

    @Test void requesting_nakReturnsToInit_andStartsOverWithANewXid() {
        discoverSent();
        int firstXid = sent.getFirst().msg().xid();
        reply(DhcpMessageType.OFFER, OFFERED, leaseOptions(600));
        reply(DhcpMessageType.NAK, Ipv4Address.ANY, DhcpOptions.builder());
        assertThat(client.state()).isEqualTo(INIT);
        assertThat(iface.cidr()).isNull();
        assertThat(client.counter("dhcp.rx.nak")).isEqualTo(1);
        int before = sent(DhcpMessageType.DISCOVER).size();
        sim.runFor(SimTime.millis(10));
        assertThat(client.state()).isEqualTo(SELECTING);
        assertThat(sent(DhcpMessageType.DISCOVER)).hasSize(before + 1);
        assertThat(sent(DhcpMessageType.DISCOVER).getLast().msg().xid()).isNotEqualTo(firstXid);
        assertThat(sent(DhcpMessageType.DISCOVER).getLast().msg().options().requestedAddress()).isNull();
    }

    @Test void bound_atT1_sendsUnicastRequestWithCiaddr_andAnAckRenews() {
        DhcpLease l = bound(600);
        sim.runUntil(l.t1AtNanos() - 1);
        assertThat(client.state()).isEqualTo(BOUND);
        int before = sent.size();
        sim.runUntil(l.t1AtNanos() + SimTime.millis(10));
        assertThat(client.state()).isEqualTo(RENEWING);
        Sent r = sent.get(before);
        assertThat(r.type()).isEqualTo(DhcpMessageType.REQUEST);
        assertThat(r.at() - l.t1AtNanos()).isBetween(0L, SimTime.millis(1));   // at T1, after ARP for the server
        assertThat(r.dst()).isEqualTo(SERVER);
        assertThat(r.dstMac()).isEqualTo(SERVER_MAC);
        assertThat(r.src()).isEqualTo(OFFERED);
        assertThat(r.msg().ciaddr()).isEqualTo(OFFERED);
        // RFC 2131 §4.3.2 RENEWING: no requested address, no server identifier
        assertThat(r.msg().options().requestedAddress()).isNull();
        assertThat(r.msg().options().serverIdentifier()).isNull();
        assertThat(r.msg().broadcastFlag()).isFalse();

        reply(DhcpMessageType.ACK, OFFERED, leaseOptions(600));
        assertThat(client.state()).isEqualTo(BOUND);
        assertThat(client.lease().expiresAtNanos()).isEqualTo(sim.now() + SimTime.seconds(600));
        assertThat(iface.cidr()).isEqualTo(Ipv4Cidr.parse("10.0.0.100/24"));
        assertThat(lost).isZero();
    }

    @Test void renewing_unanswered_retransmitsThenBroadcastsAtT2() {
        DhcpLease l = bound(600);
        sim.runUntil(l.t2AtNanos() - 1);
        List<Sent> renewals = sent.stream().filter(s -> s.at() >= l.t1AtNanos()).toList();
        // RFC 2131 §4.4.5: wait half the time left to T2, at least 60 s: T1 = 300 s, T2 = 525 s -> 300, 412.5, 472.5
        assertThat(renewals).hasSize(3);
        long[] due = {0, 112_500, 172_500};
        for (int i = 0; i < due.length; i++)   // each leaves after ARP for the server, within a millisecond
            assertThat(renewals.get(i).at() - l.t1AtNanos() - SimTime.millis(due[i])).as("renewal %d", i).isBetween(0L, SimTime.millis(1));
        assertThat(renewals).allSatisfy(s -> assertThat(s.dst()).isEqualTo(SERVER));
        assertThat(client.state()).isEqualTo(RENEWING);

        sim.runUntil(l.t2AtNanos() + SimTime.millis(1));
        assertThat(client.state()).isEqualTo(REBINDING);
        Sent rebind = sent.getLast();
        assertThat(rebind.at()).isEqualTo(l.t2AtNanos());
        assertThat(rebind.dst()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(rebind.dstMac()).isEqualTo(MacAddress.BROADCAST);
        assertThat(rebind.src()).isEqualTo(OFFERED);
        assertThat(rebind.msg().ciaddr()).isEqualTo(OFFERED);
        assertThat(iface.cidr()).isNotNull();
    }

    @Test void rebinding_expiryDropsAddressAndGateway_andReturnsToInit() {
        DhcpLease l = bound(600);
        sim.runUntil(l.expiresAtNanos() - 1);
        assertThat(client.state()).isEqualTo(REBINDING);
        assertThat(iface.cidr()).isNotNull();
        sim.runUntil(l.expiresAtNanos());
        assertThat(client.history()).containsSubsequence(BOUND, RENEWING, REBINDING, INIT);
        assertThat(iface.cidr()).isNull();
        assertThat(pc.defaultGateway()).isNull();
        assertThat(client.lease()).isNull();
        assertThat(lost).isEqualTo(1);
        assertThat(client.counter("dhcp.lease.expired")).isEqualTo(1);
        sim.runFor(SimTime.millis(10));
        assertThat(client.state()).isEqualTo(SELECTING);
        assertThat(sent.getLast().type()).isEqualTo(DhcpMessageType.DISCOVER);
        assertThat(sent.getLast().src()).isEqualTo(Ipv4Address.ANY);
    }

    @Test void rebinding_ackFromAnyServerRebinds() {
        DhcpLease l = bound(600);
        sim.runUntil(l.t2AtNanos() + SimTime.millis(1));
        reply(DhcpMessageType.ACK, OFFERED, leaseOptions(600));
        assertThat(client.state()).isEqualTo(BOUND);
        assertThat(client.lease().t1AtNanos()).isEqualTo(sim.now() + SimTime.seconds(300));
    }

    /** RFC 2131 §4.1: 4, 8, 16, 32, 64, 64 s, each randomized by a uniform -1..+1 s from the client's own stream. */
    @Test void discoverRetransmissions_backOffExponentially_withSeededJitter() {
        client.start();
        sim.runUntil(SimTime.seconds(4 + 8 + 16 + 32 + 64 + 64 + 6));
        List<Sent> discovers = sent(DhcpMessageType.DISCOVER);
        assertThat(discovers).hasSizeGreaterThanOrEqualTo(7);
        assertThat(discovers).extracting(s -> s.msg().xid()).containsOnly(discovers.getFirst().msg().xid());

        SimRandom expected = new Simulator(SEED).random("dhcp-client/pc1/eth0");
        long initialDelay = expected.nextLong(0, DhcpClientOptions.defaults().initialDelayMaxNanos() + 1);
        int xid = expected.nextInt();
        assertThat(discovers.getFirst().at()).isEqualTo(initialDelay);
        assertThat(discovers.getFirst().msg().xid()).isEqualTo(xid);
        long[] base = {4, 8, 16, 32, 64, 64};
        for (int i = 0; i < base.length; i++) {
            long gap = discovers.get(i + 1).at() - discovers.get(i).at();
            long jitter = expected.nextLong(-SimTime.SECOND, SimTime.SECOND + 1);
            assertThat(gap).as("gap %d", i + 1).isEqualTo(SimTime.seconds(base[i]) + jitter);
            assertThat(gap).isBetween(SimTime.seconds(base[i] - 1), SimTime.seconds(base[i] + 1));
        }
        // secs counts from the first DISCOVER of the exchange (RFC 2131 §2)
        assertThat(discovers.get(3).msg().secs()).isEqualTo((int) ((discovers.get(3).at() - discovers.getFirst().at()) / SimTime.SECOND));
    }

    @Test void requestRetransmissions_backOffToo_thenGiveUpToInit() {
        discoverSent();
        reply(DhcpMessageType.OFFER, OFFERED, leaseOptions(600));
        long offerAt = sim.now();
        sim.runUntil(offerAt + SimTime.seconds(4 + 8 + 16 + 32 + 5));
        List<Sent> requests = sent(DhcpMessageType.REQUEST);
        assertThat(requests).hasSize(5);                       // the first and requestRetries (4) more
        long[] base = {4, 8, 16, 32};
        for (int i = 0; i < base.length; i++) {
            long gap = requests.get(i + 1).at() - requests.get(i).at();
            assertThat(gap).isBetween(SimTime.seconds(base[i] - 1), SimTime.seconds(base[i] + 1));
        }
        sim.runUntil(requests.getLast().at() + SimTime.seconds(66));
        assertThat(client.history()).containsSubsequence(REQUESTING, INIT, SELECTING);
    }
}
