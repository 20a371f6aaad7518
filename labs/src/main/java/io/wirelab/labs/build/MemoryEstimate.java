package io.wirelab.labs.build;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.model.NodeSpec;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How much heap a lab will need, from its devices and links, checked before it is built so a lab
 * too large for the JVM's heap or the machine fails at once with the estimate, not after minutes with
 * an OutOfMemoryError. The figures per item are measured (docs/performance.md, "Scale"): heap after a
 * full GC with N PCs under access switches, built, leased, and after one HTTPS GET each.
 */
public record MemoryEstimate(long hosts, long switchPorts, long routers, long links, long macEntries, long bytes) {
    /** The JVM, the classes a lab loads, the lab CA and the script engine. */
    static final long BASE_BYTES = 24L << 20;
    /**
     * A pc or server: stack, interface, resolver, DHCP client and lease, HTTP client, and what one finished
     * HTTPS GET leaves (TIME-WAIT, caches); measured 28 KB per PC with its link, port and MAC entry.
     */
    static final long HOST_BYTES = 32L << 10;
    static final long SWITCH_PORT_BYTES = 1L << 10;
    static final long ROUTER_BYTES = 64L << 10;
    /** Both directions of a cable: queues, random streams, labels. */
    static final long LINK_BYTES = 1L << 10;
    /** One learned address in one switch's MAC table (tree entry, key, slot). */
    static final long MAC_ENTRY_BYTES = 112;
    /** Heap a lab may use of the JVM's maximum before GC time dominates (Serial GC copies the young generation through the old). */
    static final double HEAP_SHARE = 0.75;

    /**
     * The estimate for a lab. Every switch of a broadcast domain learns every host of it (a flood
     * reaches them all), so MAC entries are counted per domain: switches times hosts, where routers
     * bound the domains.
     */
    public static MemoryEstimate of(LabSpec lab) {
        long hosts = 0, ports = 0, routers = 0;
        Map<String, NodeSpec> byName = new HashMap<>();
        for (NodeSpec n : lab.nodes()) {
            byName.put(n.name(), n);
            if (n.isHost()) hosts++;
            else if (n.kind() == NodeKind.SWITCH) ports += n.interfaces().size();
            else if (n.kind() == NodeKind.ROUTER) routers++;
        }
        Domains domains = new Domains();
        for (LinkSpec l : lab.links()) {
            NodeSpec a = byName.get(l.a().node()), b = byName.get(l.b().node());
            if (a != null && b != null && a.kind() != NodeKind.ROUTER && b.kind() != NodeKind.ROUTER) domains.join(a.name(), b.name());
        }
        Map<String, long[]> perDomain = new HashMap<>();   // root -> {switches, hosts}
        for (NodeSpec n : lab.nodes()) {
            if (n.kind() != NodeKind.SWITCH && !n.isHost()) continue;
            long[] c = perDomain.computeIfAbsent(domains.root(n.name()), k -> new long[2]);
            c[n.kind() == NodeKind.SWITCH ? 0 : 1]++;
        }
        long macEntries = 0;
        for (long[] c : perDomain.values()) macEntries += c[0] * c[1];
        long links = lab.links().size();
        long bytes = BASE_BYTES + hosts * HOST_BYTES + ports * SWITCH_PORT_BYTES + routers * ROUTER_BYTES
                + links * LINK_BYTES + macEntries * MAC_ENTRY_BYTES;
        return new MemoryEstimate(hosts, ports, routers, links, macEntries, bytes);
    }

    /** The machine's memory as the JVM sees it (a container's limit inside one), or 0 when unknown. */
    public static long machineBytes() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
    }

    /** The heap to ask for: the estimate over HEAP_SHARE, rounded up to whole GiB. */
    public long suggestedHeapBytes() {
        long gib = 1L << 30;
        return ((long) Math.ceil(bytes / HEAP_SHARE) + gib - 1) / gib * gib;
    }

    /**
     * Refuses (LabBuildException) a lab that does not fit: more than the machine's memory, or more
     * than the JVM's maximum heap can hold, with the estimate and what to do about it.
     */
    public void check(long maxHeapBytes, long machineBytes) {
        String what = "the lab needs about " + size(bytes) + " of memory (" + hosts + " hosts, " + switchPorts
                + " switch ports, " + links + " links, " + macEntries + " MAC table entries; docs/performance.md#scale)";
        if (machineBytes > 0 && bytes > machineBytes)
            throw new LabBuildException(what + ", more than this machine's " + size(machineBytes) + ": make it smaller or run it on a larger machine");
        if (bytes > maxHeapBytes * HEAP_SHARE) {
            String fix = machineBytes > 0 && suggestedHeapBytes() > machineBytes * 0.9
                    ? "; the heap it needs is close to this machine's " + size(machineBytes) + " of memory: make it smaller or run it on a larger machine"
                    : "; run it with a larger heap: WIRELAB_JAVA_OPTS=-Xmx" + (suggestedHeapBytes() >> 30) + "g wirelab run ...";
            throw new LabBuildException(what + ", more than this JVM's heap of " + size(maxHeapBytes) + " holds" + fix);
        }
    }

    public static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%d MiB", (bytes + (1L << 20) - 1) >> 20);
    }

    /** Union-find over device names: the broadcast domains. */
    private static final class Domains {
        private final Map<String, String> parent = new HashMap<>();

        String root(String n) {
            String r = n;
            for (String p = parent.get(r); p != null; p = parent.get(r)) r = p;
            for (String m = n, p = parent.get(m); p != null; m = p, p = parent.get(m)) parent.put(m, r);   // path compression
            return r;
        }

        void join(String a, String b) {
            String ra = root(a), rb = root(b);
            if (!ra.equals(rb)) parent.put(ra, rb);
        }
    }
}
