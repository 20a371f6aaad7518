package io.wirelab.devices.router;

import io.wirelab.buffer.Frame;
import io.wirelab.devices.dhcp.DhcpPoolConfig;
import io.wirelab.devices.dhcp.DhcpServer;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientOptions;
import io.wirelab.devices.dhcp.client.DhcpLease;
import io.wirelab.devices.host.Host;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One DHCP server, two subnets: the client behind the router gets its lease through the relay. */
class DhcpRelayTest {
    private final Simulator sim = new Simulator(3);
    private final Router r1 = new Router(sim, "r1");
    private final Host server = new Host(sim, "dhcp1", "server");
    private final Host client = new Host(sim, "pc1", "pc");
    /** DHCP messages as they crossed the wires: [0] server side (r1:eth0 out), [1] client side (r1:eth1 out). */
    private final List<byte[]> toServer = new ArrayList<>(), toClient = new ArrayList<>();

    DhcpRelayTest() {
        r1.addInterface("eth0", MacAddress.parse("02:00:00:00:09:00"), Ipv4Cidr.parse("10.1.0.1/24"));
        r1.addInterface("eth1", MacAddress.parse("02:00:00:00:09:01"), Ipv4Cidr.parse("10.2.0.1/24"));
        server.addInterface("eth0", MacAddress.parse("02:00:00:00:01:00")).configure(Ipv4Cidr.parse("10.1.0.10/24"));
        server.stack().setDefaultGateway(Ipv4Address.parse("10.1.0.1"));
        client.addInterface("eth0", MacAddress.parse("02:00:00:00:02:00"));
        LinkParams wire = LinkParams.DEFAULT.withBandwidth(0);
        Link.connect(sim, server.port("eth0"), r1.port("eth0"), wire);
        Link.connect(sim, client.port("eth0"), r1.port("eth1"), wire);
        new DhcpServer(server.stack(), sim)
                .addPool(DhcpPoolConfig.of("10.1.0.0/24", "10.1.0.100", "10.1.0.199", "10.1.0.1", null, null, 3600))
                .addPool(DhcpPoolConfig.of("10.2.0.0/24", "10.2.0.100", "10.2.0.199", "10.2.0.1", null, "lab.test", 3600))
                .start();
        r1.relayDhcp("eth1", List.of(Ipv4Address.parse("10.1.0.10")));
        r1.port("eth0").addTap(collect(toServer));
        r1.port("eth1").addTap(collect(toClient));
    }

    private static FrameTap collect(List<byte[]> into) {
        return (port, direction, frame, now) -> {
            byte[] b = frame.bytes();
            if (direction == FrameTap.Direction.OUTBOUND && Bytes.u16(b, 12) == 0x0800 && b[23] == 17 && Bytes.u16(b, 36) >= 67 && Bytes.u16(b, 36) <= 68)
                into.add(b);
        };
    }

    private DhcpLease lease(boolean broadcastFlag) {
        DhcpClient c = new DhcpClient(client.stack(), client.stack().iface("eth0"), DhcpClientOptions.defaults().withBroadcastFlag(broadcastFlag));
        var f = c.start();
        sim.runUntil(f::isDone, SimTime.seconds(30));
        return f.join();
    }

    private static DhcpMessage dhcp(byte[] frame) {
        return DhcpMessage.parse(Arrays.copyOfRange(frame, 42, 14 + Bytes.u16(frame, 16))).message();
    }

    @Test void clientBehindTheRouter_getsALeaseFromThePoolOfGiaddr_unicastWithoutTheBroadcastFlag() {
        DhcpLease l = lease(false);
        assertThat(l.address()).isEqualTo(Ipv4Cidr.parse("10.2.0.100/24"));
        assertThat(l.routers()).containsExactly(Ipv4Address.parse("10.2.0.1"));
        assertThat(l.domainName()).isEqualTo("lab.test");
        // RFC 1542 §4.1.1: to the server with giaddr = the client side's address, hops 1, source port 67
        assertThat(toServer).hasSize(2);
        for (byte[] f : toServer) {
            assertThat(dhcp(f).giaddr()).isEqualTo(Ipv4Address.parse("10.2.0.1"));
            assertThat(dhcp(f).hops()).isEqualTo(1);
            assertThat(Bytes.u16(f, 34)).isEqualTo(67);
            assertThat(Ipv4Address.read(f, 30)).isEqualTo(Ipv4Address.parse("10.1.0.10"));
        }
        // RFC 2131 §4.1: no broadcast flag -> unicast to yiaddr at chaddr, from the relay's address, port 67 -> 68
        assertThat(toClient).hasSize(2);
        for (byte[] f : toClient) {
            assertThat(MacAddress.read(f, 0)).isEqualTo(client.stack().iface("eth0").mac());
            assertThat(Ipv4Address.read(f, 30)).isEqualTo(Ipv4Address.parse("10.2.0.100"));
            assertThat(Ipv4Address.read(f, 26)).isEqualTo(Ipv4Address.parse("10.2.0.1"));
            assertThat(Bytes.u16(f, 36)).isEqualTo(68);
        }
        assertThat(r1.count(RouterEvent.RELAY_TO_SERVER)).isEqualTo(2);
        assertThat(r1.count(RouterEvent.RELAY_TO_CLIENT)).isEqualTo(2);
    }

    @Test void withTheBroadcastFlag_theRelayBroadcastsOnTheClientsLink() {
        assertThat(lease(true).address().address()).isEqualTo(Ipv4Address.parse("10.2.0.100"));
        for (byte[] f : toClient) {
            assertThat(MacAddress.read(f, 0)).isEqualTo(MacAddress.BROADCAST);
            assertThat(Ipv4Address.read(f, 30)).isEqualTo(Ipv4Address.BROADCAST);
        }
    }

    @Test void aReplyForAnUnknownGiaddr_isDropped_andRequestsOnAnUnservedInterfaceAreNotRelayed() {
        DhcpLease l = lease(false);
        assertThat(l).isNotNull();
        int before = toClient.size();
        // the server's own subnet is not served: a client there talks to the server directly
        Host local = new Host(sim, "pc2", "pc");
        local.addInterface("eth0", MacAddress.parse("02:00:00:00:03:00"));
        r1.addInterface("eth2", MacAddress.parse("02:00:00:00:09:02"), Ipv4Cidr.parse("10.3.0.1/24"));
        Link.connect(sim, local.port("eth0"), r1.port("eth2"), LinkParams.DEFAULT.withBandwidth(0));
        new DhcpClient(local.stack(), local.stack().iface("eth0"), DhcpClientOptions.defaults()).start();
        sim.runFor(SimTime.seconds(2));
        assertThat(r1.counter("dhcp_relay.rx.drop.not_relayed_here")).isPositive();
        assertThat(toClient).hasSize(before);
    }
}
