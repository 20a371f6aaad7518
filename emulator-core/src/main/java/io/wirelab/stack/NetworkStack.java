package io.wirelab.stack;

import io.wirelab.buffer.FramePool;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.tcp.TcpLayer;
import io.wirelab.stack.udp.UdpLayer;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One host's TCP/IP stack: Ethernet interfaces, ARP, IPv4 (routing, fragmentation, reassembly),
 * ICMP, UDP and TCP. Single-threaded; every entry point runs inside a simulator event.
 */
public final class NetworkStack {
    private final Simulator sim;
    private final String hostName;
    private final StackCounters counters = new StackCounters();
    private final List<NetInterface> interfaces = new ArrayList<>();
    private final EthernetLayer ethernet;
    private final Ipv4Layer ipv4;
    private final ArpLayer arp;
    private final Icmpv4Layer icmp;
    private final UdpLayer udp;
    private final TcpLayer tcp;

    public NetworkStack(Simulator sim, String hostName) {
        this.sim = sim;
        this.hostName = hostName;
        this.ethernet = new EthernetLayer(counters);
        this.ipv4 = new Ipv4Layer(sim, hostName, counters, ethernet, interfaces, sim.random(hostName + "/ipv4-id").nextInt(0x10000));
        this.arp = new ArpLayer(sim, counters, ethernet, sim.random(hostName + "/arp"), ipv4::onResolutionFailed);
        this.icmp = new Icmpv4Layer(counters, ipv4);
        this.udp = new UdpLayer(counters, ipv4, icmp, sim.random(hostName + "/udp"));
        ethernet.bind(arp, ipv4);
        ipv4.bind(arp, icmp);
        this.tcp = new TcpLayer(sim, ipv4, sim.random(hostName + "/tcp"), hostName);
        ipv4.register(IpProtocol.ICMP, icmp);
        ipv4.register(IpProtocol.UDP, udp);
        ipv4.register(IpProtocol.TCP, tcp);
        icmp.addErrorListener(tcp::onIcmpError);
    }

    /** Adds an Ethernet interface on port; the stack attaches itself as the port's receiver. */
    public NetInterface addInterface(String name, Port port, MacAddress mac) {
        if (iface(name) != null) throw new IllegalArgumentException(hostName + " already has an interface " + name);
        NetInterface i = new NetInterface(name, port, mac);
        for (NetInterface other : interfaces) other.sieve().anotherInterfaceAdded();
        interfaces.add(i);
        FloodSieve sieve = new FloodSieve(mac.bits(), arp.cache(), udp);
        if (interfaces.size() > 1) sieve.anotherInterfaceAdded();
        i.setSieve(sieve);
        counters.addSieve(sieve);
        port.attach((frame, now) -> ethernet.receive(i, frame, now), sieve);
        return i;
    }

    /** The interface called name, or null. */
    public NetInterface iface(String name) {
        for (NetInterface i : interfaces) if (i.name().equals(name)) return i;
        return null;
    }

    public List<NetInterface> interfaces() { return Collections.unmodifiableList(interfaces); }

    /** null clears it. The gateway must be on a connected subnet to be used (RFC 1122 §3.3.1.1). */
    public void setDefaultGateway(Ipv4Address gateway) { ipv4.routes().setDefaultGateway(gateway); }
    public Ipv4Address defaultGateway() { return ipv4.routes().defaultGateway(); }

    public Ipv4Layer ipv4() { return ipv4; }
    public ArpLayer arp() { return arp; }
    public Icmpv4Layer icmp() { return icmp; }
    public UdpLayer udp() { return udp; }
    public TcpLayer tcp() { return tcp; }
    public RouteTable routes() { return ipv4.routes(); }
    public StackCounters counters() { return counters; }
    /** The arrays this stack's TCP builds its frames in, handed back by their receivers (FramePool). */
    public FramePool framePool() { return ethernet.pool(); }
    public Simulator simulator() { return sim; }
    public String hostName() { return hostName; }

    @Override public String toString() { return "stack " + hostName; }
}
