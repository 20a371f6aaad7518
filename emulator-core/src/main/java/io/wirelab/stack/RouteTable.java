package io.wirelab.stack;

import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.ArrayList;
import java.util.List;

/**
 * Routing (RFC 1122 §3.3.1, RFC 1812 §5.2.4.3): connected subnets of configured interfaces, static
 * routes and a default gateway; longest prefix wins, ties go to the route listed first. The routes in
 * use are rebuilt only when an interface address, a static route or the gateway changes, so a lookup
 * walks a prebuilt array and allocates nothing but its Decision; the last Decision is kept until the
 * next lookup for another destination or a change of routes (a connection sends to one peer in a row).
 */
public final class RouteTable {
    /** gateway null = directly connected. */
    public record Route(Ipv4Cidr destination, Ipv4Address gateway, NetInterface iface) {
        @Override public String toString() {
            return (destination.prefixLength() == 0 ? "default" : destination.network() + "/" + destination.prefixLength())
                    + (gateway == null ? "" : " via " + gateway) + " dev " + iface.name();
        }

        public boolean isConnected() { return gateway == null; }
    }

    /** Where a datagram goes: out of iface to nextHop, from source; broadcast = link broadcast. */
    public record Decision(NetInterface iface, Ipv4Address nextHop, Ipv4Address source, boolean broadcast) {}

    private static final Ipv4Cidr DEFAULT = new Ipv4Cidr(Ipv4Address.ANY, 0);
    private static final Route[] NONE = new Route[0];
    private final List<NetInterface> interfaces;
    private final List<Ipv4Cidr> staticDestinations = new ArrayList<>();
    private final List<Ipv4Address> staticGateways = new ArrayList<>();
    private Ipv4Address defaultGateway;
    /** The routes in use and the interface addresses they were built from (compared by identity). */
    private Route[] active = NONE;
    private Ipv4Cidr[] builtFrom = new Ipv4Cidr[0];
    private boolean stale = true;
    private Ipv4Address lastDestination;
    private Decision lastDecision;

    RouteTable(List<NetInterface> interfaces) { this.interfaces = interfaces; }

    public void setDefaultGateway(Ipv4Address gateway) {
        this.defaultGateway = gateway;
        stale = true;
    }

    public Ipv4Address defaultGateway() { return defaultGateway; }

    /** A static route; 0.0.0.0/0 is a default route. Used while gateway is on a connected subnet. */
    public void addRoute(Ipv4Cidr destination, Ipv4Address gateway) {
        staticDestinations.add(new Ipv4Cidr(destination.network(), destination.prefixLength()));
        staticGateways.add(gateway);
        stale = true;
    }

    public boolean removeRoute(Ipv4Cidr destination) {
        Ipv4Cidr d = new Ipv4Cidr(destination.network(), destination.prefixLength());
        int i = staticDestinations.indexOf(d);
        if (i < 0) return false;
        staticDestinations.remove(i);
        staticGateways.remove(i);
        stale = true;
        return true;
    }

    /** The routes in use right now, like `ip route`: connected first, then static, then default. */
    public List<Route> routes() {
        refresh();
        return List.of(active);
    }

    /** The decision for destination, or null without a route. */
    public Decision lookup(Ipv4Address destination) {
        refresh();
        if (lastDecision != null && destination.equals(lastDestination)) return lastDecision;
        Decision d = decide(destination);
        lastDestination = destination;
        lastDecision = d;
        return d;
    }

    private Decision decide(Ipv4Address destination) {
        if (destination.isLimitedBroadcast() || destination.isMulticast()) {
            // RFC 1122 §3.3.6 / RFC 919: limited broadcast stays on the link; use the first configured interface.
            for (NetInterface i : interfaces)
                if (i.cidr() != null) return new Decision(i, destination, i.address(), true);
            return null;
        }
        Route best = best(destination);
        if (best == null) return null;
        NetInterface i = best.iface();
        if (best.gateway() == null) return new Decision(i, destination, i.address(), i.isSubnetBroadcast(destination));
        return new Decision(i, best.gateway(), i.address(), false);
    }

    /** The longest-prefix route to destination, or null; allocates nothing. */
    public Route best(Ipv4Address destination) {
        refresh();
        Route best = null;
        for (Route r : active)
            if (r.destination().contains(destination) && (best == null || r.destination().prefixLength() > best.destination().prefixLength()))
                best = r;
        return best;
    }

    private void refresh() {
        if (!stale && builtFrom.length == interfaces.size()) {
            boolean same = true;
            for (int k = 0; k < builtFrom.length && same; k++) same = builtFrom[k] == interfaces.get(k).cidr();
            if (same) return;
        }
        List<Route> out = new ArrayList<>();
        builtFrom = new Ipv4Cidr[interfaces.size()];
        for (int k = 0; k < interfaces.size(); k++) {
            NetInterface i = interfaces.get(k);
            builtFrom[k] = i.cidr();
            if (i.cidr() != null) out.add(new Route(new Ipv4Cidr(i.cidr().network(), i.cidr().prefixLength()), null, i));
        }
        for (int k = 0; k < staticDestinations.size(); k++) {
            NetInterface via = connectedInterfaceFor(staticGateways.get(k));
            if (via != null) out.add(new Route(staticDestinations.get(k), staticGateways.get(k), via));
        }
        if (defaultGateway != null) {
            NetInterface via = connectedInterfaceFor(defaultGateway);   // RFC 1122 §3.3.1.1: a gateway is on a connected network
            if (via != null) out.add(new Route(DEFAULT, defaultGateway, via));
        }
        active = out.toArray(NONE);
        stale = false;
        lastDecision = null;
    }

    private NetInterface connectedInterfaceFor(Ipv4Address gateway) {
        for (NetInterface i : interfaces) if (i.cidr() != null && i.cidr().contains(gateway)) return i;
        return null;
    }
}
