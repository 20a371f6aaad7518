package io.wirelab.labs.yaml;

import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.InterfaceSpec;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across the sections of a lab as read (also when some of it had problems): no MAC or IP
 * address used twice, automatic MACs included, no switching loop, and every router interface
 * linked. Reports at the places
 * Locations recorded.
 */
final class LabValidator {
    private final Problems problems;
    private final Locations at;

    LabValidator(Problems problems, Locations at) {
        this.problems = problems;
        this.at = at;
    }

    void validate(LabSpec lab) {
        checkAddresses(lab.nodes());
        checkLoops(lab);
        checkRouterLinks(lab);
        checkRelays(lab);
    }

    /** Explicit MACs first, so an automatic MAC that collides with one is reported at the explicit one. */
    private void checkAddresses(List<NodeSpec> nodes) {
        Map<Ipv4Address, String> ipOwners = new LinkedHashMap<>();
        Map<MacAddress, String> macOwners = new LinkedHashMap<>();
        for (NodeSpec n : nodes) {
            for (InterfaceSpec i : n.interfaces()) {
                Endpoint ep = new Endpoint(n.name(), i.name());
                if (at.mac(ep) == null) continue;
                String prev = macOwners.putIfAbsent(i.mac(), ep.toString());
                if (prev != null) problems.add(at.mac(ep), "duplicate MAC " + i.mac() + ": already used by " + prev, "every interface needs its own MAC; leave mac out to get an automatic one");
            }
        }
        for (NodeSpec n : nodes) {
            if (!n.kind().hasAddresses()) continue;
            for (InterfaceSpec i : n.interfaces()) {
                Endpoint ep = new Endpoint(n.name(), i.name());
                if (at.mac(ep) == null) {
                    String prev = macOwners.get(i.mac());
                    if (prev != null)
                        problems.add(at.node(n.name()), "the automatic MAC " + i.mac() + " of " + ep + " is already given to " + prev,
                                "give " + prev + " a MAC outside 02:00:00:xx:xx:xx or set " + ep + "'s mac");
                    macOwners.putIfAbsent(i.mac(), ep.toString());
                }
                if (i.address() != null) {
                    String prev = ipOwners.putIfAbsent(i.address().address(), ep.toString());
                    if (prev != null) problems.add(at.address(ep), "duplicate IP address " + i.address().address() + ": already used by " + prev,
                            "every interface needs its own address");
                }
            }
        }
    }

    /** A router interface without a cable joins no subnet: its connected route would lead nowhere. */
    private void checkRouterLinks(LabSpec lab) {
        Set<Endpoint> linked = new HashSet<>();
        for (LinkSpec l : lab.links()) { linked.add(l.a()); linked.add(l.b()); }
        for (NodeSpec n : lab.nodes()) {
            if (n.kind() != NodeKind.ROUTER) continue;
            for (InterfaceSpec i : n.interfaces()) {
                Endpoint ep = new Endpoint(n.name(), i.name());
                if (linked.contains(ep)) continue;
                YNode where = at.address(ep) != null ? at.address(ep) : at.node(n.name());
                problems.add(where, "router interface " + ep + " is not linked to anything", "add a link, e.g. links: [[" + ep + ", sw1]]");
            }
        }
    }

    /**
     * A relay needs a DHCP server at the address it names, a pool there for the relaying interface's
     * subnet (RFC 2131 §4.3.1: chosen by giaddr) and a route from the server back to giaddr.
     */
    private void checkRelays(LabSpec lab) {
        for (NodeSpec r : lab.nodes()) {
            if (r.kind() != NodeKind.ROUTER) continue;
            for (InterfaceSpec i : r.interfaces()) {
                if (i.dhcpRelay().isEmpty() || i.address() == null) continue;
                Endpoint ep = new Endpoint(r.name(), i.name());
                YNode where = at.relay(ep) != null ? at.relay(ep) : at.node(r.name());
                Ipv4Address giaddr = i.address().address();
                String subnet = i.address().network() + "/" + i.address().prefixLength();
                for (Ipv4Address server : i.dhcpRelay()) {
                    NodeSpec s = dhcpServerAt(lab, server);
                    if (s == null) {
                        List<String> known = new ArrayList<>();
                        for (NodeSpec n : lab.nodes())
                            if (n.services().dhcp() != null)
                                for (InterfaceSpec si : n.interfaces()) if (si.address() != null) known.add(n.name() + " (" + si.address().address() + ")");
                        problems.add(where, ep + " relays DHCP to " + server + ", but no DHCP server has that address",
                                known.isEmpty() ? "add services: { dhcp: ... } to the server at " + server : "DHCP servers in this lab: " + String.join(", ", known));
                        continue;
                    }
                    if (!hasPoolFor(s, giaddr)) {
                        problems.add(where, s.name() + " has no pool for " + ep + "'s subnet " + subnet + ", so relayed clients get no address",
                                "add to " + s.name() + "'s dhcp: pools: [{ subnet: " + subnet + ", range: ..., router: " + giaddr + " }]");
                        continue;
                    }
                    if (!reaches(s, giaddr))
                        problems.add(where, s.name() + " cannot answer the relay: it has no route to " + giaddr,
                                "give " + s.name() + " a gateway (the router's address on its subnet) or a route to " + subnet);
                }
            }
        }
    }

    private static NodeSpec dhcpServerAt(LabSpec lab, Ipv4Address a) {
        for (NodeSpec n : lab.nodes()) {
            if (n.services().dhcp() == null) continue;
            for (InterfaceSpec i : n.interfaces()) if (i.address() != null && i.address().address().equals(a)) return n;
        }
        return null;
    }

    private static boolean hasPoolFor(NodeSpec server, Ipv4Address giaddr) {
        for (var p : server.services().dhcp().pools()) {
            if (p.subnet() != null) { if (p.subnet().contains(giaddr)) return true; continue; }
            for (InterfaceSpec i : server.interfaces())
                if (i.address() != null && i.address().contains(p.first()) && i.address().contains(giaddr)) return true;
        }
        return false;
    }

    private static boolean reaches(NodeSpec n, Ipv4Address a) {
        if (n.gateway() != null) return true;
        for (InterfaceSpec i : n.interfaces()) if (i.address() != null && i.address().contains(a)) return true;
        for (var route : n.routes()) if (route.destination().contains(a)) return true;
        return false;
    }

    /** A cycle among switches floods broadcasts forever: there is no spanning tree (IEEE 802.1D) yet. */
    private void checkLoops(LabSpec lab) {
        Map<String, String> parent = new LinkedHashMap<>();
        Map<String, List<String>> tree = new LinkedHashMap<>();
        Map<String, NodeKind> kinds = new HashMap<>();   // by name: LabSpec.node() scans, and a lab may have 100,000 links
        for (NodeSpec n : lab.nodes()) kinds.put(n.name(), n.kind());
        for (int i = 0; i < lab.links().size(); i++) {
            LinkSpec l = lab.links().get(i);
            String u = l.a().node(), v = l.b().node();
            if (kinds.get(u) != NodeKind.SWITCH || kinds.get(v) != NodeKind.SWITCH) continue;
            String ru = root(parent, u), rv = root(parent, v);
            if (ru.equals(rv)) {
                List<String> cycle = treePath(tree, u, v);
                cycle.add(u);
                problems.add(at.link(i), "switching loop: " + String.join(" -> ", cycle) + " (frames would circle forever; there is no spanning tree yet)",
                        "remove one of the links between " + String.join(", ", new LinkedHashSet<>(cycle)));
                continue;
            }
            parent.put(ru, rv);
            tree.computeIfAbsent(u, k -> new ArrayList<>()).add(v);
            tree.computeIfAbsent(v, k -> new ArrayList<>()).add(u);
        }
    }

    private static String root(Map<String, String> parent, String x) {
        String r = x;
        while (parent.containsKey(r)) r = parent.get(r);
        return r;
    }

    /** The path from u to v in the forest (breadth-first, neighbours in link order). */
    private static List<String> treePath(Map<String, List<String>> tree, String u, String v) {
        Map<String, String> cameFrom = new LinkedHashMap<>();
        ArrayList<String> queue = new ArrayList<>(List.of(u));
        cameFrom.put(u, u);
        for (int i = 0; i < queue.size() && !cameFrom.containsKey(v); i++) {
            for (String n : tree.getOrDefault(queue.get(i), List.of())) {
                if (cameFrom.putIfAbsent(n, queue.get(i)) == null) queue.add(n);
            }
        }
        List<String> path = new ArrayList<>();
        for (String x = v; !x.equals(u); x = cameFrom.get(x)) path.addFirst(x);
        path.addFirst(u);
        return path;
    }
}
