package io.wirelab.report;

import io.wirelab.devices.Device;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.devices.router.Router;
import io.wirelab.labs.run.Lab;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.link.PortCounters;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lab's devices, ports and links by index, with who owns which MAC, and shortest paths between devices. */
final class Topology {
    record PortInfo(int index, String name, int device, long mac, int link) {}

    record LinkInfo(int index, int portA, int portB, LinkParams aToB, LinkParams bToA, boolean up) {}

    final List<Device> devices;
    final List<PortInfo> ports = new ArrayList<>();
    final List<LinkInfo> links = new ArrayList<>();
    private final Map<String, Integer> portByName = new HashMap<>();
    private final Map<Long, Integer> deviceByMac = new HashMap<>();
    private final List<List<int[]>> adjacency = new ArrayList<>();   // per device: {neighbour device, via port}
    private final long[] timeWaitNanos;

    Topology(Lab lab) {
        this.devices = List.copyOf(lab.devices().values());
        this.timeWaitNanos = new long[devices.size()];
        for (int d = 0; d < devices.size(); d++) {
            var runtime = lab.runtimes().get(devices.get(d).name());
            TcpOptions tcp = runtime == null ? TcpOptions.defaults() : runtime.tcp();
            timeWaitNanos[d] = tcp.maxTimeWait() == 0 ? 0 : 2 * tcp.mslNanos();   // RFC 9293 §3.10.7.4: 2 MSL
        }
        Map<Port, Integer> linkOf = new HashMap<>();
        List<Link> labLinks = lab.links();
        for (int i = 0; i < labLinks.size(); i++) {
            linkOf.put(labLinks.get(i).a(), i);
            linkOf.put(labLinks.get(i).b(), i);
        }
        for (int d = 0; d < devices.size(); d++) {
            adjacency.add(new ArrayList<>());
            Map<Port, NetInterface> ifaces = interfaces(devices.get(d));
            for (Port p : devices.get(d).ports()) {
                NetInterface ni = ifaces.get(p);
                long mac = ni == null ? -1 : ni.mac().bits();
                PortInfo info = new PortInfo(ports.size(), p.name(), d, mac, linkOf.getOrDefault(p, -1));
                ports.add(info);
                portByName.put(p.name(), info.index());
                if (mac >= 0) deviceByMac.putIfAbsent(mac, d);
            }
        }
        for (int i = 0; i < labLinks.size(); i++) {
            Link l = labLinks.get(i);
            Integer a = portByName.get(l.a().name()), b = portByName.get(l.b().name());
            if (a == null || b == null) continue;
            links.add(new LinkInfo(links.size(), a, b, l.params(l.a()), l.params(l.b()), l.isUp()));
            adjacency.get(ports.get(a).device()).add(new int[] {ports.get(b).device(), a});
            adjacency.get(ports.get(b).device()).add(new int[] {ports.get(a).device(), b});
        }
    }

    static Map<Port, NetInterface> interfaces(Device d) {
        NetworkStack stack = switch (d) {
            case Host h -> h.stack();
            case Router r -> r.stack();
            default -> null;
        };
        Map<Port, NetInterface> out = new LinkedHashMap<>();
        if (stack != null) for (NetInterface i : stack.interfaces()) out.put(i.port(), i);
        return out;
    }

    /** How long device keeps a connection it closed first in TIME-WAIT: its host's 2 MSL, 0 with max-time-wait 0. */
    long timeWaitNanos(int device) { return timeWaitNanos[device]; }

    static boolean isSwitch(Device d) { return d instanceof LearningSwitch; }

    /** The port named "pc1:eth0", or -1. */
    int port(String name) { return name == null ? -1 : portByName.getOrDefault(name, -1); }

    /** The device whose interface has this MAC, or -1 (broadcast, a switch, a real host behind a bridge). */
    int deviceOfMac(long mac) { return deviceByMac.getOrDefault(mac, -1); }

    /** The port at the other end of port's link, or -1. */
    int peer(int port) {
        int l = ports.get(port).link();
        if (l < 0) return -1;
        for (LinkInfo li : links) if (li.portA() == port) return li.portB();
            else if (li.portB() == port) return li.portA();
        return -1;
    }

    LinkInfo linkOf(int port) {
        for (LinkInfo li : links) if (li.portA() == port || li.portB() == port) return li;
        return null;
    }

    /** The parameters of frames leaving through port. */
    LinkParams paramsFrom(int port) {
        LinkInfo li = linkOf(port);
        if (li == null) return null;
        return li.portA() == port ? li.aToB() : li.bToA();
    }

    /** Devices strictly between from and to on a shortest path (breadth first, links in lab order), empty when adjacent or unconnected. */
    int[] between(int from, int to) {
        if (from == to || from < 0 || to < 0) return new int[0];
        int[] prev = new int[devices.size()];
        Arrays.fill(prev, -2);
        prev[from] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            int d = queue.poll();
            if (d == to) break;
            for (int[] n : adjacency.get(d))
                if (prev[n[0]] == -2) {
                    prev[n[0]] = d;
                    queue.add(n[0]);
                }
        }
        if (prev[to] == -2) return new int[0];
        List<Integer> path = new ArrayList<>();
        for (int d = prev[to]; d != from && d >= 0; d = prev[d]) path.addFirst(d);
        return path.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Hops from device from: 0 for itself, -1 when unreachable. */
    int[] distances(int from) {
        int[] dist = new int[devices.size()];
        Arrays.fill(dist, -1);
        dist[from] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            int d = queue.poll();
            for (int[] n : adjacency.get(d))
                if (dist[n[0]] < 0) {
                    dist[n[0]] = dist[d] + 1;
                    queue.add(n[0]);
                }
        }
        return dist;
    }

    /** "frames" and per reason drops of port, for the topology's link labels. */
    static Map<String, Object> portCounts(Port p) {
        PortCounters c = p.counters();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("txFrames", c.txFrames());
        m.put("rxFrames", c.rxFrames());
        m.put("txBytes", c.txBytes());
        m.put("rxBytes", c.rxBytes());
        Map<String, Object> drops = new LinkedHashMap<>();
        for (PortCounters.Drop d : PortCounters.Drop.values()) if (c.drops(d) > 0) drops.put(d.name().toLowerCase(java.util.Locale.ROOT), c.drops(d));
        m.put("drops", drops);
        return m;
    }
}
