package io.wirelab.devices.dhcp;

import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientOptions;
import io.wirelab.devices.dhcp.client.DhcpClientState;
import io.wirelab.devices.dhcp.client.DhcpLease;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dhcp.DhcpMessageType;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DhcpIntegrationTest {
    static final Ipv4Address SERVER = Ipv4Address.parse("10.0.0.1");

    /** A DHCP message seen on the server's port, with its IP and Ethernet destinations. */
    record Seen(long at, FrameTap.Direction dir, MacAddress dstMac, Ipv4Address src, Ipv4Address dst, DhcpMessage msg) {}

    final Simulator sim = new Simulator(7);
    final List<Seen> seen = new ArrayList<>();
    final List<Ipv4Address> announcements = new ArrayList<>();
    NetworkStack server;
    DhcpServer dhcp;

    NetInterface serverOn(Port port, long leaseSeconds) {
        server = new NetworkStack(sim, "dhcp1");
        NetInterface i = server.addInterface("eth0", port, MacAddress.local(0x100));
        i.configure(Ipv4Cidr.parse("10.0.0.1/24"));
        dhcp = new DhcpServer(server, sim).addPool(DhcpPoolConfig.of("10.0.0.0/24", "10.0.0.100", "10.0.0.199",
                "10.0.0.1", "10.0.0.53", "lab.test", leaseSeconds)).start();
        port.addTap((p, dir, frame, now) -> {
            byte[] b = frame.bytes();
            // RFC 5227 §2.3 announcement: ARP request with sender IP == target IP
            if (Bytes.u16(b, 12) == 0x0806 && Bytes.i32(b, 28) == Bytes.i32(b, 38)) announcements.add(Ipv4Address.read(b, 28));
            if (Bytes.u16(b, 12) != 0x0800 || Bytes.u8(b, 23) != 17) return;
            int ip = 14, udp = ip + (Bytes.u8(b, ip) & 0xf) * 4;
            int sport = Bytes.u16(b, udp), dport = Bytes.u16(b, udp + 2);
            if (sport != 67 && sport != 68 && dport != 67 && dport != 68) return;
            DhcpMessage.Parsed parsed = DhcpMessage.parse(b, udp + 8, b.length - udp - 8);
            seen.add(new Seen(now, dir, MacAddress.read(b, 0), Ipv4Address.read(b, ip + 12), Ipv4Address.read(b, ip + 16), parsed.message()));
        });
        return i;
    }

    DhcpClient client(int n, Port port, DhcpClientOptions options) {
        NetworkStack s = new NetworkStack(sim, "pc" + n);
        NetInterface i = s.addInterface("eth0", port, MacAddress.local(n));
        return new DhcpClient(s, i, options);
    }

    DhcpClient pair(long leaseSeconds) {
        Port a = new Port("dhcp1:eth0", sim), b = new Port("pc1:eth0", sim);
        Link.connect(sim, a, b, LinkParams.DEFAULT);
        serverOn(a, leaseSeconds);
        return client(1, b, DhcpClientOptions.defaults().withHostName("pc1"));
    }

    List<Seen> sent(DhcpMessageType t) {
        return seen.stream().filter(s -> s.msg() != null && s.msg().messageType() == t).toList();
    }

    @Test
    void dora_bindsAddressGatewayAndDns_andAnnouncesByGratuitousArp() {
        DhcpClient c = pair(120);
        var f = c.start();
        assertThat(sim.runUntil(f, SimTime.seconds(30))).isTrue();
        DhcpLease l = f.join();
        assertThat(l.address()).isEqualTo(Ipv4Cidr.parse("10.0.0.100/24"));
        assertThat(l.server()).isEqualTo(SERVER);
        assertThat(l.dnsServers()).containsExactly(Ipv4Address.parse("10.0.0.53"));
        assertThat(l.domainName()).isEqualTo("lab.test");
        assertThat(c.iface().cidr()).isEqualTo(l.address());
        assertThat(c.state()).isEqualTo(DhcpClientState.BOUND);
        assertThat(c.history()).containsExactly(DhcpClientState.INIT, DhcpClientState.SELECTING, DhcpClientState.REQUESTING, DhcpClientState.BOUND);
        assertThat(sent(DhcpMessageType.DISCOVER)).hasSize(1);
        Seen offer = sent(DhcpMessageType.OFFER).getFirst();
        // RFC 2131 §4.1: the client left the broadcast bit clear, so OFFER and ACK go to yiaddr at chaddr
        for (Seen reply : List.of(offer, sent(DhcpMessageType.ACK).getFirst())) {
            assertThat(reply.dst()).isEqualTo(l.ip());
            assertThat(reply.dstMac()).isEqualTo(c.iface().mac());
        }
        Seen request = sent(DhcpMessageType.REQUEST).getFirst();
        assertThat(request.msg().options().requestedAddress()).isEqualTo(l.ip());
        assertThat(request.msg().options().serverIdentifier()).isEqualTo(SERVER);
        assertThat(request.msg().xid()).isEqualTo(offer.msg().xid());
        assertThat(dhcp.activeLeases()).extracting(Lease::address).containsExactly(l.ip());
        assertThat(dhcp.activeLeases().getFirst().hostName()).isEqualTo("pc1");
        sim.runFor(SimTime.seconds(1));
        assertThat(announcements).containsExactly(l.ip());
    }

    @Test
    void withTheBroadcastFlag_offerAndAckAreBroadcast() {
        Port a = new Port("dhcp1:eth0", sim), b = new Port("pc1:eth0", sim);
        Link.connect(sim, a, b, LinkParams.DEFAULT);
        serverOn(a, 120);
        var f = client(1, b, DhcpClientOptions.defaults().withBroadcastFlag(true)).start();
        assertThat(sim.runUntil(f, SimTime.seconds(30))).isTrue();
        for (Seen reply : List.of(sent(DhcpMessageType.OFFER).getFirst(), sent(DhcpMessageType.ACK).getFirst())) {
            assertThat(reply.msg().broadcastFlag()).isTrue();
            assertThat(reply.dst()).isEqualTo(Ipv4Address.BROADCAST);
            assertThat(reply.dstMac()).isEqualTo(MacAddress.BROADCAST);
        }
    }

    @Test
    void renewalAtT1_isUnicastToServer_thenRebindAndExpiryWhenServerGone() {
        DhcpClient c = pair(120);
        var f = c.start();
        sim.runUntil(f, SimTime.seconds(30));
        DhcpLease l = f.join();
        assertThat(l.t1AtNanos() - l.acquiredAtNanos()).isEqualTo(SimTime.seconds(60));
        sim.runUntil(l.t1AtNanos() + SimTime.seconds(1));
        List<Seen> renew = sent(DhcpMessageType.REQUEST).stream().filter(s -> s.at() >= l.t1AtNanos()).toList();
        assertThat(renew).hasSize(1);
        assertThat(renew.getFirst().dst()).isEqualTo(SERVER);
        assertThat(renew.getFirst().dstMac()).isEqualTo(MacAddress.local(0x100));
        assertThat(renew.getFirst().msg().ciaddr()).isEqualTo(l.ip());
        assertThat(renew.getFirst().msg().options().requestedAddress()).isNull();
        assertThat(c.state()).isEqualTo(DhcpClientState.BOUND);
        DhcpLease renewed = c.lease();
        assertThat(renewed.expiresAtNanos()).isGreaterThan(l.expiresAtNanos());
        assertThat(dhcp.counter("dhcp.tx.ack")).isEqualTo(2);

        dhcp.stop();   // server gone: RENEWING until T2, REBINDING until expiry, then INIT
        sim.runUntil(renewed.t2AtNanos() + SimTime.seconds(1));
        assertThat(c.state()).isEqualTo(DhcpClientState.REBINDING);
        Seen rebind = sent(DhcpMessageType.REQUEST).getLast();
        assertThat(rebind.dst()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(rebind.msg().ciaddr()).isEqualTo(l.ip());
        sim.runUntil(renewed.expiresAtNanos() + SimTime.millis(1));
        assertThat(c.history()).containsSubsequence(DhcpClientState.RENEWING, DhcpClientState.REBINDING, DhcpClientState.INIT, DhcpClientState.SELECTING);
        assertThat(c.iface().cidr()).isNull();
        assertThat(c.lease()).isNull();
        assertThat(c.counter("dhcp.lease.expired")).isEqualTo(1);
    }

    @Test
    void release_freesAddress_andReturningClientGetsItBackViaInitReboot() {
        DhcpClient c = pair(600);
        var f = c.start();
        sim.runUntil(f, SimTime.seconds(30));
        Ipv4Address a = f.join().ip();
        c.stop();
        var again = c.start();
        assertThat(c.state()).isEqualTo(DhcpClientState.REBOOTING);
        sim.runUntil(again, SimTime.seconds(30));
        assertThat(again.join().ip()).isEqualTo(a);
        assertThat(c.history()).contains(DhcpClientState.INIT_REBOOT);
        c.release();
        sim.runFor(SimTime.seconds(1));
        assertThat(sent(DhcpMessageType.RELEASE)).hasSize(1);
        assertThat(dhcp.activeLeases()).isEmpty();
        assertThat(dhcp.leases().getFirst().state()).isEqualTo(Lease.State.RELEASED);
        assertThat(c.state()).isEqualTo(DhcpClientState.STOPPED);
        assertThat(c.iface().cidr()).isNull();
    }

    @Test
    void fiftyClientsOnASwitch_getDistinctAddresses() {
        LearningSwitch sw = new LearningSwitch(sim, "sw1", 51, SimTime.seconds(300));
        Port sp = new Port("dhcp1:eth0", sim);
        Link.connect(sim, sp, sw.ports().getFirst(), LinkParams.DEFAULT);
        serverOn(sp, 3600);
        List<DhcpClient> clients = new ArrayList<>();
        for (int n = 1; n <= 50; n++) {
            Port p = new Port("pc" + n + ":eth0", sim);
            Link.connect(sim, p, sw.ports().get(n), LinkParams.DEFAULT);
            DhcpClient c = client(n, p, DhcpClientOptions.defaults());
            c.start();
            clients.add(c);
        }
        assertThat(sim.runUntil(() -> clients.stream().allMatch(c -> c.state() == DhcpClientState.BOUND), SimTime.seconds(60))).isTrue();
        Set<Ipv4Address> addrs = new HashSet<>();
        for (DhcpClient c : clients) addrs.add(c.lease().ip());
        assertThat(addrs).hasSize(50);
        assertThat(dhcp.activeLeases()).hasSize(50);
    }

    @Test
    void arpProbeConflict_declinesAndServerQuarantinesTheAddress() {
        LearningSwitch sw = new LearningSwitch(sim, "sw1", 3, SimTime.seconds(300));
        Port sp = new Port("dhcp1:eth0", sim), squat = new Port("squat:eth0", sim), cp = new Port("pc1:eth0", sim);
        Link.connect(sim, sp, sw.ports().get(0), LinkParams.DEFAULT);
        Link.connect(sim, squat, sw.ports().get(1), LinkParams.DEFAULT);
        Link.connect(sim, cp, sw.ports().get(2), LinkParams.DEFAULT);
        serverOn(sp, 600);
        NetworkStack squatter = new NetworkStack(sim, "squat");
        squatter.addInterface("eth0", squat, MacAddress.local(0x200)).configure(Ipv4Cidr.parse("10.0.0.100/24"));
        DhcpClient c = client(1, cp, DhcpClientOptions.defaults().withArpProbe(true));
        var f = c.start();
        assertThat(sim.runUntil(f, SimTime.seconds(60))).isTrue();
        assertThat(sent(DhcpMessageType.DECLINE)).hasSize(1);
        assertThat(sent(DhcpMessageType.DECLINE).getFirst().msg().options().requestedAddress()).isEqualTo(Ipv4Address.parse("10.0.0.100"));
        assertThat(f.join().ip()).isEqualTo(Ipv4Address.parse("10.0.0.101"));
        assertThat(dhcp.leases()).anySatisfy(l -> {
            assertThat(l.address()).isEqualTo(Ipv4Address.parse("10.0.0.100"));
            assertThat(l.state()).isEqualTo(Lease.State.DECLINED);
        });
    }
}
