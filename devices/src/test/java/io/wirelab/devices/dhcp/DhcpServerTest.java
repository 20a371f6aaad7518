package io.wirelab.devices.dhcp;

import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crafted requests straight into the server; replies read off the wire. */
class DhcpServerTest {
    static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.1");
    static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress OTHER = MacAddress.parse("02:00:00:00:00:02");

    record Out(MacAddress dstMac, Ipv4Address dst, DhcpMessage msg) {}

    final Simulator sim = new Simulator(1);
    final List<Out> out = new ArrayList<>();
    NetInterface iface;
    NetInterface peerIface;
    DhcpServer dhcp;

    @BeforeEach
    void setUp() {
        NetworkStack s = new NetworkStack(sim, "dhcp1");
        Port p = new Port("dhcp1:eth0", sim), peer = new Port("peer:eth0", sim);
        Link.connect(sim, p, peer, LinkParams.DEFAULT);
        iface = s.addInterface("eth0", p, MacAddress.local(0x100));
        peerIface = new NetworkStack(sim, "peer").addInterface("eth0", peer, MAC);   // answers ARP for unicast replies
        iface.configure(Ipv4Cidr.parse("10.0.0.1/24"));
        dhcp = new DhcpServer(s, sim).addPool(DhcpPoolConfig.of("10.0.0.0/24", "10.0.0.10", "10.0.0.11", "10.0.0.1", null, null, 100)
                .withReservation(OTHER, Ipv4Address.parse("10.0.0.50"))).start();
        p.addTap((port, dir, frame, now) -> {
            byte[] b = frame.bytes();
            if (Bytes.u16(b, 12) != 0x0800 || Bytes.u8(b, 23) != 17) return;
            int udp = 14 + (Bytes.u8(b, 14) & 0xf) * 4;
            if (Bytes.u16(b, udp) != 67) return;
            out.add(new Out(MacAddress.read(b, 0), Ipv4Address.read(b, 30), DhcpMessage.parse(b, udp + 8, b.length - udp - 8).message()));
        });
    }

    DhcpMessage send(MacAddress mac, DhcpMessageType t, int flags, Ipv4Address ciaddr, Ipv4Address requested, Ipv4Address serverId) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(t);
        if (requested != null) o.address(DhcpOptionCode.REQUESTED_ADDRESS, requested);
        if (serverId != null) o.address(DhcpOptionCode.SERVER_IDENTIFIER, serverId);
        DhcpMessage m = DhcpMessage.request(42, mac, 0, flags, ciaddr, o.build());
        raw(m.encode(), ciaddr.isAny() ? Ipv4Address.BROADCAST : SERVER, ciaddr);
        return m;
    }

    void raw(byte[] data, Ipv4Address dst, Ipv4Address src) {
        dhcp.receive(new UdpDatagram(src, 68, dst, 67, data, iface), sim.now());
        sim.runFor(SimTime.millis(10));
    }

    Out last() { return out.getLast(); }

    @Test
    void discoverWithoutBroadcastFlag_offerIsUnicastToYiaddrAtChaddr() {
        send(MAC, DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, null, null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.OFFER);
        assertThat(last().dst()).isEqualTo(Ipv4Address.parse("10.0.0.10"));
        assertThat(last().dstMac()).isEqualTo(MAC);
        assertThat(last().msg().options().leaseTime()).isEqualTo(100);
        assertThat(last().msg().options().renewalTime()).isEqualTo(50);
        assertThat(last().msg().options().rebindingTime()).isEqualTo(87);
        assertThat(last().msg().options().subnetMask()).isEqualTo(Ipv4Address.parse("255.255.255.0"));
    }

    @Test
    void discoverWithBroadcastFlag_offerIsBroadcast() {
        send(MAC, DhcpMessageType.DISCOVER, DhcpMessage.FLAG_BROADCAST, Ipv4Address.ANY, null, null);
        assertThat(last().dst()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(last().dstMac()).isEqualTo(MacAddress.BROADCAST);
    }

    @Test
    void reservation_givesReservedAddress_andIsNeverOfferedToOthers() {
        send(OTHER, DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, null, null);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.parse("10.0.0.50"));
        send(MAC, DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, Ipv4Address.parse("10.0.0.50"), null);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.parse("10.0.0.10"));
    }

    @Test
    void selectingRequest_forWrongAddress_isNakedByBroadcast() {
        send(MAC, DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, null, null);
        send(MAC, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, Ipv4Address.parse("10.0.0.11"), SERVER);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.NAK);
        assertThat(last().dst()).isEqualTo(Ipv4Address.BROADCAST);   // RFC 2131 §4.1: NAK broadcast when giaddr is 0
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.ANY);
    }

    @Test
    void selectingRequest_forAnotherServer_withdrawsOffer_noReply() {
        send(MAC, DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, null, null);
        int before = out.size();
        send(MAC, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, Ipv4Address.parse("10.0.0.10"), Ipv4Address.parse("10.0.0.2"));
        assertThat(out).hasSize(before);
        assertThat(dhcp.leases().getFirst().state()).isEqualTo(Lease.State.RELEASED);
    }

    @Test
    void initReboot_wrongNetwork_isNaked_freeAddress_isAcked() {
        send(MAC, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, Ipv4Address.parse("192.168.1.5"), null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.NAK);
        send(MAC, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, Ipv4Address.parse("10.0.0.11"), null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.ACK);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.parse("10.0.0.11"));
        send(OTHER, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, Ipv4Address.parse("10.0.0.11"), null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.NAK);
    }

    @Test
    void renewing_knownLease_ackUnicastToCiaddr_unknownTakenLease_nak() {
        Ipv4Address a = Ipv4Address.parse("10.0.0.10");
        send(MAC, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, a, null);
        sim.runFor(SimTime.seconds(50));
        peerIface.configure(new Ipv4Cidr(a, 24));
        send(MAC, DhcpMessageType.REQUEST, 0, a, null, null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.ACK);
        assertThat(last().msg().ciaddr()).isEqualTo(a);
        assertThat(last().dst()).isEqualTo(a);
        assertThat(dhcp.activeLeases().getFirst().expiresAtNanos()).isEqualTo(sim.now() - SimTime.millis(10) + SimTime.seconds(100));
        send(OTHER, DhcpMessageType.REQUEST, 0, a, null, null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.NAK);
    }

    @Test
    void expiredLease_isReusedByAnotherClient_poolExhaustion_isCounted() {
        MacAddress c = MacAddress.parse("02:00:00:00:00:03");
        send(MAC, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, Ipv4Address.parse("10.0.0.10"), null);
        send(c, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, Ipv4Address.parse("10.0.0.11"), null);
        int before = out.size();
        send(MacAddress.parse("02:00:00:00:00:04"), DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, null, null);
        assertThat(out).hasSize(before);
        assertThat(dhcp.counter("dhcp.rx.drop.pool_exhausted")).isEqualTo(1);
        sim.runFor(SimTime.seconds(101));
        send(MacAddress.parse("02:00:00:00:00:04"), DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, null, null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.OFFER);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.parse("10.0.0.10"));
    }

    @Test
    void relayedRequest_takesTheFirstPoolInOrderWhoseSubnetHoldsGiaddr_rfc2131_4_3_1() {
        dhcp.addPool(DhcpPoolConfig.of("10.1.0.0/16", "10.1.9.10", "10.1.9.20", null, null, null, 100))
                .addPool(DhcpPoolConfig.of("10.1.1.0/24", "10.1.1.10", "10.1.1.20", null, null, null, 100))
                .addPool(DhcpPoolConfig.of("10.2.2.0/24", "10.2.2.10", "10.2.2.20", null, null, null, 100));
        relayedDiscover(MAC, "10.1.1.1");
        relayedDiscover(OTHER, "10.2.2.1");
        relayedDiscover(MacAddress.parse("02:00:00:00:00:03"), "10.3.3.1");
        assertThat(dhcp.leases()).extracting(l -> l.address().toString()).containsExactly("10.1.9.10", "10.2.2.10");
        assertThat(dhcp.counter(DhcpServerDrop.NO_POOL)).isEqualTo(1);
    }

    void relayedDiscover(MacAddress mac, String giaddr) {
        byte[] data = DhcpMessage.request(7, mac, 0, 0, Ipv4Address.ANY, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build()).encode();
        Ipv4Address.parse(giaddr).write(data, 24);
        raw(data, SERVER, Ipv4Address.parse(giaddr));
    }

    @Test
    void release_thenDecline_thenInform() {
        Ipv4Address a = Ipv4Address.parse("10.0.0.10");
        send(MAC, DhcpMessageType.REQUEST, 0, Ipv4Address.ANY, a, null);
        int before = out.size();
        send(MAC, DhcpMessageType.RELEASE, 0, a, null, SERVER);
        assertThat(out).hasSize(before);   // RFC 2131 §4.3.4: no reply
        assertThat(dhcp.activeLeases()).isEmpty();
        send(MAC, DhcpMessageType.DECLINE, 0, Ipv4Address.ANY, a, SERVER);
        assertThat(dhcp.leases().getFirst().state()).isEqualTo(Lease.State.DECLINED);
        send(OTHER, DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, a, null);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.parse("10.0.0.50"));
        send(MacAddress.parse("02:00:00:00:00:05"), DhcpMessageType.DISCOVER, 0, Ipv4Address.ANY, a, null);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.parse("10.0.0.11"));   // 10 is quarantined
        Ipv4Address manual = Ipv4Address.parse("10.0.0.77");
        peerIface.configure(new Ipv4Cidr(manual, 24));
        send(MacAddress.parse("02:00:00:00:00:06"), DhcpMessageType.INFORM, 0, manual, null, null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.ACK);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.ANY);
        assertThat(last().msg().options().leaseTime()).isEqualTo(-1);   // RFC 2131 §4.3.5: no lease time
        assertThat(last().dst()).isEqualTo(manual);
        assertThat(last().msg().options().routers()).containsExactly(SERVER);
    }

    DhcpMessage nonEthernet(int htype, int hlen, DhcpMessageType t, Ipv4Address requested, Ipv4Address serverId, byte[] clientId) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(t);
        if (requested != null) o.address(DhcpOptionCode.REQUESTED_ADDRESS, requested);
        if (serverId != null) o.address(DhcpOptionCode.SERVER_IDENTIFIER, serverId);
        if (clientId != null) o.add(DhcpOptionCode.CLIENT_IDENTIFIER, clientId);
        byte[] chaddr = new byte[16];
        Arrays.fill(chaddr, (byte) 0x5a);
        DhcpMessage m = new DhcpMessage(DhcpMessage.BOOTREQUEST, htype, hlen, 0, 7, 0, 0, Ipv4Address.ANY, Ipv4Address.ANY,
                Ipv4Address.ANY, Ipv4Address.ANY, chaddr, new byte[64], new byte[128], o.build());
        raw(m.encode(), Ipv4Address.BROADCAST, Ipv4Address.ANY);
        return m;
    }

    @Test
    void nonEthernetClient_isServedByClientIdentifier_withBroadcastReplies_rfc2131_4_2() {
        // issue 12 finding 2: htype != 1 crashed the lab with an NPE in LeasePool.availableFor (reservation lookup by a null MAC)
        byte[] clientId = {32, 1, 2, 3, 4, 5, 6, 7, 8};                        // RFC 4390: InfiniBand clients send a client-id, hlen 0
        nonEthernet(32, 0, DhcpMessageType.DISCOVER, null, null, clientId);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.OFFER);
        assertThat(last().dst()).isEqualTo(Ipv4Address.BROADCAST);             // no MAC to unicast to
        assertThat(last().dstMac()).isEqualTo(MacAddress.BROADCAST);
        Ipv4Address offered = last().msg().yiaddr();
        nonEthernet(32, 0, DhcpMessageType.REQUEST, offered, SERVER, clientId);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.ACK);
        assertThat(dhcp.activeLeases()).singleElement().satisfies(l -> {
            assertThat(l.address()).isEqualTo(offered);
            assertThat(l.clientKey()).startsWith("id:");
        });
    }

    @Test
    void nonEthernetClient_withoutClientId_isKeyedByItsWholeChaddr_andAnHlenOver16IsCounted() {
        nonEthernet(6, 16, DhcpMessageType.DISCOVER, Ipv4Address.parse("10.0.0.50"), null, null);   // 10.0.0.50 is reserved for OTHER
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.OFFER);
        assertThat(last().msg().yiaddr()).isEqualTo(Ipv4Address.parse("10.0.0.10"));
        nonEthernet(6, 16, DhcpMessageType.REQUEST, Ipv4Address.parse("10.0.0.10"), SERVER, null);
        assertThat(last().msg().messageType()).isEqualTo(DhcpMessageType.ACK);
        assertThat(dhcp.activeLeases()).singleElement().satisfies(l -> assertThat(l.clientKey()).isEqualTo("chaddr:6:" + "5a".repeat(16)));
        int replies = out.size();
        nonEthernet(6, 255, DhcpMessageType.DISCOVER, null, null, null);
        assertThat(out).hasSize(replies);
        assertThat(dhcp.counter("dhcp.rx.drop.bad_hlen")).isEqualTo(1);
    }

    @Test
    void hostilePackets_areCountedNotThrown() {
        byte[] good = DhcpMessage.request(1, MAC, 0, 0, Ipv4Address.ANY, DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build()).encode();
        raw(Arrays.copyOf(good, 100), Ipv4Address.BROADCAST, Ipv4Address.ANY);
        byte[] noCookie = good.clone();
        noCookie[236] = 0;
        raw(noCookie, Ipv4Address.BROADCAST, Ipv4Address.ANY);
        byte[] overrun = good.clone();
        overrun[241] = (byte) 200;
        raw(overrun, Ipv4Address.BROADCAST, Ipv4Address.ANY);
        byte[] reply = good.clone();
        reply[0] = 2;
        raw(reply, Ipv4Address.BROADCAST, Ipv4Address.ANY);
        raw(DhcpMessage.request(1, MAC, 0, 0, Ipv4Address.ANY, DhcpOptions.empty()).encode(), Ipv4Address.BROADCAST, Ipv4Address.ANY);
        assertThat(out).isEmpty();
        assertThat(dhcp.counter("dhcp.rx.drop.truncated")).isEqualTo(1);
        assertThat(dhcp.counter("dhcp.rx.drop.no_magic_cookie")).isEqualTo(1);
        assertThat(dhcp.counter("dhcp.rx.drop.option_overrun")).isEqualTo(1);
        assertThat(dhcp.counter("dhcp.rx.drop.not_request")).isEqualTo(1);
        assertThat(dhcp.counter("dhcp.rx.drop.no_message_type")).isEqualTo(1);
        assertThat(dhcp.counter(DhcpServerDrop.NOT_REQUEST)).isEqualTo(1);
        assertThat(dhcp.counters().keySet()).containsExactly("dhcp.rx.drop.not_request", "dhcp.rx.drop.no_message_type",
                "dhcp.rx.drop.truncated", "dhcp.rx.drop.no_magic_cookie", "dhcp.rx.drop.option_overrun");
        assertThatThrownBy(() -> dhcp.counter("dhcp.rx.drop.no_magic_cokie"))     // a typo is an error, not a zero
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dhcp.rx.drop.no_magic_cookie");
    }
}
