package io.wirelab.scripting;

import io.wirelab.devices.router.Router;
import io.wirelab.stack.NeighborEntry;
import io.wirelab.stack.RouteTable;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.List;
import java.util.Map;

/**
 * A router as scripts see it: {@code r1.routes} (like `ip route`), {@code r1.interfaces},
 * {@code r1.arp}, {@code r1.counters} (forwarding, drops by reason, ICMP errors, per interface).
 */
public final class RouterFacade extends DeviceFacade {
    private final Router router;

    RouterFacade(Router router, LabFacade lab) {
        super(router, lab);
        this.router = router;
    }

    /** The routes in use: "10.1.0.0/24 dev eth0", "10.3.0.0/16 via 10.2.0.254 dev eth1". */
    public List<String> getRoutes() { return router.routes().stream().map(RouteTable.Route::toString).toList(); }

    /** The first interface's address, what {@code pc1.ping('r1')} and {@code traceroute('r1')} aim at. */
    public String getIp() { return router.stack().interfaces().getFirst().address().toString(); }

    /** The device that owns address a, for traceroute's names. */
    boolean owns(Ipv4Address a) {
        for (var i : router.stack().interfaces()) if (a.equals(i.address())) return true;
        return false;
    }

    public List<InterfaceInfo> getInterfaces() { return router.stack().interfaces().stream().map(InterfaceInfo::of).toList(); }

    public List<NeighborEntry> getArp() { return router.stack().arp().entries(); }

    /** Non-zero counters by name: "forward.tx.datagram", "forward.drop.ttl_exceeded", "eth0.forward.rx", ... */
    public Map<String, Long> getCounters() { return router.counters(); }

    /** One counter by name ("forward.drop.no_route"); an error for a name the router does not count. */
    public long counter(String name) { return router.counter(name); }

    @Override public String toString() { return router.toString(); }
}
