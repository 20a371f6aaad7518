package io.wirelab.scripting;

import io.wirelab.devices.host.Host;
import io.wirelab.devices.host.PingOptions;
import io.wirelab.devices.host.PingResult;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.stack.NeighborEntry;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.List;
import java.util.Map;

/**
 * A pc or server as scripts see it: {@code pc1.ip}, {@code pc1.mac}, {@code pc1.arp},
 * {@code pc1.ping('10.0.0.2', count: 4)}. Network calls run the lab until they complete.
 */
public final class HostFacade extends DeviceFacade {
    static final List<String> PING_OPTIONS = List.of("count", "interval", "timeout", "size", "ttl", "quiet");
    private final Host host;

    HostFacade(Host host, LabFacade lab) {
        super(host, lab);
        this.host = host;
    }

    public Host getHost() { return host; }
    public NetworkStack getStack() { return host.stack(); }
    public List<NetInterface> getInterfaces() { return host.stack().interfaces(); }

    /** The first configured IPv4 address as text ("10.0.0.1"), or null when none is configured. */
    public String getIp() {
        NetInterface i = firstConfigured();
        return i == null ? null : i.address().toString();
    }

    /** The first configured address with its prefix ("10.0.0.1/24"), or null. */
    public String getCidr() {
        NetInterface i = firstConfigured();
        return i == null ? null : i.cidr().toString();
    }

    /** The MAC address of the first interface ("02:00:00:00:01:00"), or null without interfaces. */
    public String getMac() {
        List<NetInterface> all = host.stack().interfaces();
        return all.isEmpty() ? null : all.getFirst().mac().toString();
    }

    /** The ARP cache, sorted. */
    public List<NeighborEntry> getArp() { return host.stack().arp().entries(); }

    public String getGateway() {
        Ipv4Address gw = host.stack().defaultGateway();
        return gw == null ? null : gw.toString();
    }

    public PingResult ping(String target) { return ping(Map.of(), target); }

    /**
     * {@code ping('10.0.0.2', count: 4, interval: 200.ms, timeout: 1.s, size: 56, ttl: 64, quiet: false)}.
     * The target is an IPv4 address or the name of a device of this lab. Prints the ping(8)-style
     * statistics unless quiet.
     */
    public PingResult ping(Map<String, ?> options, String target) {
        PingOptions d = PingOptions.defaults();
        int count = d.count(), size = d.payloadBytes(), ttl = d.ttl();
        long interval = d.intervalNanos(), timeout = d.timeoutNanos();
        boolean quiet = false;
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "count" -> count = positiveInt(key, v, 1);
                case "size" -> size = positiveInt(key, v, 0);
                case "ttl" -> ttl = positiveInt(key, v, 1);
                case "interval" -> interval = duration(key, v);
                case "timeout" -> timeout = duration(key, v);
                case "quiet" -> quiet = Boolean.TRUE.equals(v);
                default -> {
                    String s = DidYouMean.suggest(key, PING_OPTIONS);
                    throw new IllegalArgumentException("ping has no option '" + key + "'"
                            + (s != null ? "; did you mean '" + s + "'?" : "")
                            + " (options: count, interval, timeout, size, ttl, quiet)");
                }
            }
        }
        if (ttl > 255) throw new IllegalArgumentException("ping ttl must be 1..255, got " + ttl);
        Ipv4Address dst = resolve(target);
        PingOptions opts = new PingOptions(count, interval, timeout, size, ttl);
        long budget = Math.addExact(Math.multiplyExact((long) count, interval), timeout) + VirtualDuration.S;
        PingResult r = lab.await(host.ping(dst, opts), budget);
        if (!quiet) {
            lab.out().println(getName() + "$ ping -c " + count + " " + dst);
            lab.out().println(r);
            lab.out().flush();
        }
        return r;
    }

    private Ipv4Address resolve(String target) {
        DeviceFacade named = lab.getDevices().get(target);
        if (named instanceof HostFacade h) {
            if (h.getIp() == null) throw new IllegalArgumentException("cannot ping " + target + ": it has no IPv4 address");
            return Ipv4Address.parse(h.getIp());
        }
        try {
            return Ipv4Address.parse(target);
        } catch (IllegalArgumentException e) {
            String s = DidYouMean.suggest(target, lab.getDevices().keySet());
            throw new IllegalArgumentException("cannot ping '" + target + "': not an IPv4 address and not a host of this lab"
                    + (s != null ? "; did you mean '" + s + "'?" : ""));
        }
    }

    private static int positiveInt(String key, Object v, int min) {
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short) || ((Number) v).longValue() < min
                || ((Number) v).longValue() > Integer.MAX_VALUE)
            throw new IllegalArgumentException("ping " + key + ": expected a whole number >= " + min + ", got " + v);
        return ((Number) v).intValue();
    }

    private static long duration(String key, Object v) {
        if (v instanceof VirtualDuration d && d.nanos() > 0) return d.nanos();
        if (v instanceof Number n)
            throw new IllegalArgumentException("ping " + key + " needs a unit, e.g. " + key + ": " + n + ".s or " + n + ".ms");
        throw new IllegalArgumentException("ping " + key + ": expected a positive duration like 200.ms, got " + v);
    }

    private NetInterface firstConfigured() {
        for (NetInterface i : host.stack().interfaces()) if (i.cidr() != null) return i;
        return null;
    }

    @Override public String toString() {
        String cidr = getCidr();
        return getName() + " (" + getKind() + (cidr != null ? ", " + cidr : "") + ")";
    }
}
