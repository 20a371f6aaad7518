package io.wirelab.devices.router;

import io.wirelab.devices.Device;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.RouteTable;
import io.wirelab.trace.CounterGroup;
import io.wirelab.trace.Counters;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * An IPv4 router (RFC 1812): Ethernet interfaces in different subnets, each with its own ARP, a
 * routing table of connected and static routes, forwarding (Forwarder), ICMP errors (IcmpErrors) and
 * optionally a DHCP relay agent (DhcpRelay). It runs the same NetworkStack as a host, so it answers ping and ARP
 * on every interface; the stack hands it every datagram addressed elsewhere. Read first: Forwarder.
 */
public final class Router implements Device {
    private final Simulator sim;
    private final String name;
    private final NetworkStack stack;
    private final List<Port> ports = new ArrayList<>();
    private final Counters<RouterEvent> events = Counters.of(RouterEvent.class);
    private final Counters<RouterDrop> drops = Counters.of(RouterDrop.class);
    private final RouterPorts portCounters = new RouterPorts();
    private final DhcpRelay relay;

    public Router(Simulator sim, String name) { this(sim, name, IcmpRateLimiter.DEFAULT_INTERVAL_NANOS); }

    /** icmpIntervalNanos: Linux icmp_ratelimit, the time one ICMP error per destination costs; 0 = no limit. */
    public Router(Simulator sim, String name, long icmpIntervalNanos) {
        this.sim = sim;
        this.name = name;
        this.stack = new NetworkStack(sim, name);
        IcmpErrors icmp = new IcmpErrors(stack, events, new IcmpRateLimiter(icmpIntervalNanos));
        stack.ipv4().setForwarding(new Forwarder(stack, events, drops, portCounters, icmp));
        this.relay = new DhcpRelay(stack, events);
    }

    @Override public String name() { return name; }
    @Override public String kind() { return "router"; }
    @Override public List<Port> ports() { return Collections.unmodifiableList(ports); }

    @Override public Port port(String ifaceName) {
        NetInterface i = stack.iface(ifaceName);
        return i == null ? null : i.port();
    }

    public NetworkStack stack() { return stack; }
    public Simulator simulator() { return sim; }

    /** Creates port "<name>:<iface>" with mac and address; the connected route follows. */
    public NetInterface addInterface(String iface, MacAddress mac, Ipv4Cidr address) {
        Port p = new Port(name + ":" + iface, sim);
        NetInterface i = stack.addInterface(iface, p, mac);
        if (address != null) i.configure(address);
        ports.add(p);
        portCounters.add(i);
        return i;
    }

    /** A static route (RFC 1812 §5.2.4.3); 0.0.0.0/0 is the default route. via must be on a connected subnet to be used. */
    public void addRoute(Ipv4Cidr destination, Ipv4Address via) { stack.routes().addRoute(destination, via); }

    /** Relays DHCP from clients on iface to servers (RFC 1542 §4, giaddr = iface's address). */
    public void relayDhcp(String iface, List<Ipv4Address> servers) { relay.serve(requireIface(iface), servers); }

    public DhcpRelay dhcpRelay() { return relay; }

    /** The routes in use, like `ip route`. */
    public List<RouteTable.Route> routes() { return stack.routes().routes(); }

    public long count(RouterEvent e) { return events.get(e); }
    public long drops(RouterDrop d) { return drops.get(d); }

    /** Datagrams forwarded out of iface (fragments count one each). */
    public long forwardedOut(String iface) { return portCounters.get(requireIface(iface), RouterPorts.Event.TX); }
    /** Datagrams for other hosts that arrived on iface. */
    public long forwardIn(String iface) { return portCounters.get(requireIface(iface), RouterPorts.Event.RX); }
    /** Datagrams that arrived on iface and were dropped instead of forwarded. */
    public long droppedIn(String iface) { return portCounters.get(requireIface(iface), RouterPorts.Event.DROP); }

    /** Every non-zero router counter: events, drops, then per interface ("eth0.forward.tx"); the stack's are in stack().counters(). */
    public SequencedMap<String, Long> counters() {
        SequencedMap<String, Long> out = new LinkedHashMap<>();
        events.addNonZeroTo(out);
        drops.addNonZeroTo(out);
        relay.drops().addNonZeroTo(out);
        portCounters.addNonZeroTo(out);
        return Collections.unmodifiableSequencedMap(out);
    }

    /** One counter by name, zero or not; IllegalArgumentException for a name the router does not count. */
    public long counter(String name) {
        List<Counters<?>> parts = new ArrayList<>(List.of(events, drops, relay.drops()));
        parts.addAll(portCounters.all());
        return new CounterGroup(parts.toArray(Counters<?>[]::new)).get(name);
    }

    private NetInterface requireIface(String iface) {
        NetInterface i = stack.iface(iface);
        if (i == null) throw new IllegalArgumentException(name + " has no interface " + iface);
        return i;
    }

    @Override public String toString() { return "router " + name; }
}
