package io.wirelab.stack;

import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Longest-prefix lookups over prebuilt routes: every change of addresses, routes or gateway shows at once. */
class RouteTableTest {
    private final Simulator sim = new Simulator(1);
    private final NetworkStack stack = new NetworkStack(sim, "r");
    private final NetInterface eth0 = stack.addInterface("eth0", new Port("r:eth0", sim), MacAddress.parse("02:00:00:00:00:01"));
    private final NetInterface eth1 = stack.addInterface("eth1", new Port("r:eth1", sim), MacAddress.parse("02:00:00:00:00:02"));

    private static Ipv4Address ip(String s) { return Ipv4Address.parse(s); }

    @Test
    void longestPrefixWins_andConnectedRoutesFollowAddressChanges() {
        eth0.configure(Ipv4Cidr.parse("10.1.0.1/24"));
        stack.routes().addRoute(Ipv4Cidr.parse("10.0.0.0/8"), ip("10.1.0.254"));
        stack.setDefaultGateway(ip("10.1.0.253"));
        assertThat(stack.routes().lookup(ip("10.1.0.9")).nextHop()).isEqualTo(ip("10.1.0.9"));
        assertThat(stack.routes().lookup(ip("10.7.0.9")).nextHop()).isEqualTo(ip("10.1.0.254"));
        assertThat(stack.routes().lookup(ip("192.0.2.1")).nextHop()).isEqualTo(ip("10.1.0.253"));

        eth1.configure(Ipv4Cidr.parse("10.7.0.1/16"));                    // a longer prefix than the static /8
        assertThat(stack.routes().best(ip("10.7.0.9")).iface()).isSameAs(eth1);
        eth1.clearAddress();
        assertThat(stack.routes().best(ip("10.7.0.9")).gateway()).isEqualTo(ip("10.1.0.254"));

        assertThat(stack.routes().removeRoute(Ipv4Cidr.parse("10.0.0.0/8"))).isTrue();
        assertThat(stack.routes().best(ip("10.7.0.9")).gateway()).isEqualTo(ip("10.1.0.253"));
        stack.setDefaultGateway(null);
        assertThat(stack.routes().lookup(ip("10.7.0.9"))).isNull();
    }

    @Test
    void aRouteWhoseGatewayIsNotOnAConnectedSubnet_isNotUsed_untilItIs() {
        stack.routes().addRoute(Ipv4Cidr.parse("172.16.0.0/12"), ip("10.2.0.254"));
        eth0.configure(Ipv4Cidr.parse("10.1.0.1/24"));
        assertThat(stack.routes().best(ip("172.16.1.1"))).isNull();
        eth1.configure(Ipv4Cidr.parse("10.2.0.1/24"));
        assertThat(stack.routes().best(ip("172.16.1.1")).iface()).isSameAs(eth1);
        assertThat(stack.routes().routes()).extracting(Object::toString)
                .containsExactly("10.1.0.0/24 dev eth0", "10.2.0.0/24 dev eth1", "172.16.0.0/12 via 10.2.0.254 dev eth1");
    }
}
