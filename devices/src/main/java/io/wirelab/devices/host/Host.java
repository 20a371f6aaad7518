package io.wirelab.devices.host;

import io.wirelab.devices.Device;
import io.wirelab.link.Port;
import io.wirelab.sim.SimRandom;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A PC or server: ports, one NetworkStack, and client tools such as ping. */
public final class Host implements Device {
    private final Simulator sim;
    private final String name;
    private final String kind;
    private final NetworkStack stack;
    private final List<Port> ports = new ArrayList<>();
    private final SimRandom pingIds;
    private int nextPingId = -1;

    public Host(Simulator sim, String name, String kind) {
        this.sim = sim;
        this.name = name;
        this.kind = kind;
        this.stack = new NetworkStack(sim, name);
        this.pingIds = sim.random(name + "/ping");
    }

    @Override public String name() { return name; }
    @Override public String kind() { return kind; }
    @Override public List<Port> ports() { return Collections.unmodifiableList(ports); }

    @Override public Port port(String ifaceName) {
        NetInterface i = stack.iface(ifaceName);
        return i == null ? null : i.port();
    }

    public NetworkStack stack() { return stack; }
    public Simulator simulator() { return sim; }

    /** Creates port "<name>:<iface>" and an interface with mac on it. */
    public NetInterface addInterface(String iface, MacAddress mac) {
        Port p = new Port(name + ":" + iface, sim);
        NetInterface i = stack.addInterface(iface, p, mac);
        ports.add(p);
        return i;
    }

    /**
     * Pings dst like ping(8). Asynchronous: run the simulator until the future completes. Each run
     * uses its own ICMP identifier (Linux uses the process id), drawn from this host's stream.
     */
    public CompletableFuture<PingResult> ping(Ipv4Address dst, PingOptions options) { return startPing(dst, options).result(); }

    /** Like ping, and the run's stop() ends it at once with the statistics so far, as ping(8) does on Ctrl-C. */
    public PingRun startPing(Ipv4Address dst, PingOptions options) {
        if (nextPingId < 0) nextPingId = pingIds.nextInt(0x10000);
        int id = nextPingId;
        nextPingId = (nextPingId + 1) & 0xffff;
        PingClient client = new PingClient(stack, dst, options, id);
        return new PingRun(client.start(), client::stop);
    }

    /** A ping in progress: its result, and how to stop it early. */
    public record PingRun(CompletableFuture<PingResult> result, Runnable stop) {}

    /** traceroute(8) to dst with UDP probes. Asynchronous: run the simulator until the future completes. */
    public CompletableFuture<TracerouteResult> traceroute(Ipv4Address dst, TracerouteOptions options) {
        return new TracerouteClient(stack, dst, options).start();
    }

    @Override public String toString() { return kind + " " + name; }
}
