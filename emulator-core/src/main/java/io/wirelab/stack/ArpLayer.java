package io.wirelab.stack;

import io.wirelab.sim.SimRandom;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;
import io.wirelab.stack.NeighborCache.Neighbor;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.arp.ArpOperation;
import io.wirelab.wire.arp.ArpPacket;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * ARP (RFC 826) with Linux-like cache validation and RFC 5227 address conflict detection.
 * Read first: RFC 826 "Packet Reception", then NeighborCache for the timing constants.
 * Outbound IPv4 frames come to resolveAndSend() with the Ethernet header still blank; frames for an
 * unresolved neighbor wait in its queue and are failed (ICMP host unreachable to the local sender)
 * after MAX_REQUESTS unanswered requests.
 */
public final class ArpLayer {
    // RFC 5227 §1.1 constants.
    static final long PROBE_WAIT = SimTime.seconds(1);
    static final int PROBE_NUM = 3;
    static final long PROBE_MIN = SimTime.seconds(1);
    static final long PROBE_MAX = SimTime.seconds(2);
    static final long ANNOUNCE_WAIT = SimTime.seconds(2);

    private final Simulator sim;
    private final StackCounters counters;
    private final EthernetLayer ethernet;
    private final SimRandom random;
    private final NeighborCache cache = new NeighborCache();
    private final ArpView view = new ArpView();
    private final List<Probe> probes = new ArrayList<>();
    /** Called with each queued frame when resolution fails (the IPv4 layer reports host unreachable). */
    private final BiConsumer<NetInterface, byte[]> onResolutionFailed;

    ArpLayer(Simulator sim, StackCounters counters, EthernetLayer ethernet, SimRandom random,
             BiConsumer<NetInterface, byte[]> onResolutionFailed) {
        this.sim = sim;
        this.counters = counters;
        this.ethernet = ethernet;
        this.random = random;
        this.onResolutionFailed = onResolutionFailed;
    }

    /** The cache, sorted by interface and address (like `ip neigh`). */
    public List<NeighborEntry> entries() { return cache.entries(); }

    public NeighborCache cache() { return cache; }

    /** The resolved MAC for address on iface, or null (INCOMPLETE or absent). Does not send anything. */
    public MacAddress lookup(NetInterface iface, Ipv4Address address) {
        Neighbor n = cache.get(iface, address);
        return n == null ? null : n.mac;
    }

    /** Removes every entry of iface, failing queued frames silently (like `ip neigh flush dev`). */
    public void flush(NetInterface iface) {
        for (Neighbor n : cache.all()) if (n.iface == iface) cache.remove(n);
    }

    // ---- outbound -------------------------------------------------------------------------

    /**
     * Sends an IPv4 frame (header blank) to nextHop on iface, resolving it first if needed.
     * checksumsTrusted as in Frame; a frame queued while resolving leaves without the mark.
     */
    boolean resolveAndSend(NetInterface iface, Ipv4Address nextHop, byte[] frame, boolean checksumsTrusted) {
        long now = sim.now();
        Neighbor n = cache.get(iface, nextHop);
        if (n == null) {
            if (iface.address() == null) { counters.drop(ArpDrop.NO_ADDRESS); return false; }
            Neighbor created = newNeighbor(iface, nextHop);
            created.state = NeighborState.INCOMPLETE;
            created.sinceNanos = now;
            cache.put(created);
            created.queue.add(frame);
            sendRequest(created, MacAddress.BROADCAST);
            return true;
        }
        switch (n.state) {
            case INCOMPLETE -> {
                // RFC 1122 §2.3.2.2: queue while resolving; Linux drops the oldest when the queue is full.
                if (n.queue.size() >= NeighborCache.MAX_QUEUED) { n.queue.pollFirst(); counters.drop(ArpDrop.QUEUE_FULL); }
                n.queue.add(frame);
                return true;
            }
            case STALE -> {
                // RFC 1122 §2.3.2.1 cache validation: use the stale MAC, then verify it after DELAY.
                enter(n, NeighborState.DELAY, now);
                n.timer.setDeadline(now + NeighborCache.DELAY_NANOS);
            }
            default -> { }
        }
        return ethernet.send(iface, n.mac, EtherType.IPV4, frame, checksumsTrusted);
    }

    /** RFC 5227 §3 ARP Announcement: a request with sender and target both our address. */
    public void sendGratuitous(NetInterface iface) {
        Ipv4Address a = iface.address();
        if (a == null) { counters.drop(ArpDrop.NO_ADDRESS); return; }
        transmit(iface, MacAddress.BROADCAST, new ArpPacket(ArpOperation.REQUEST, iface.mac(), a, MacAddress.ZERO, a));
    }

    /**
     * RFC 5227 §2.1.1 probe: PROBE_NUM probes (sender IP 0.0.0.0) after a random wait up to PROBE_WAIT,
     * PROBE_MIN..PROBE_MAX apart, then ANNOUNCE_WAIT. conflictResult gets true as soon as another host
     * claims the address, or false when the wait ends quietly.
     */
    public void probe(NetInterface iface, Ipv4Address candidate, Consumer<Boolean> conflictResult) {
        Probe p = new Probe(iface, candidate, conflictResult);
        probes.add(p);
        iface.sieve().probeStarted();   // every ARP packet on iface is checked against it
        p.timer.setDeadline(sim.now() + random.nextLong(0, PROBE_WAIT + 1));
    }

    private final class Probe {
        final NetInterface iface;
        final Ipv4Address candidate;
        final Consumer<Boolean> result;
        final Timer timer;
        int sent;

        Probe(NetInterface iface, Ipv4Address candidate, Consumer<Boolean> result) {
            this.iface = iface;
            this.candidate = candidate;
            this.result = result;
            this.timer = sim.newTimer(this::onTimer);
        }

        void onTimer(long now) {
            if (sent == PROBE_NUM) { finish(false); return; }
            transmit(iface, MacAddress.BROADCAST, new ArpPacket(ArpOperation.REQUEST, iface.mac(), Ipv4Address.ANY, MacAddress.ZERO, candidate));
            sent++;
            timer.setDeadline(now + (sent == PROBE_NUM ? ANNOUNCE_WAIT : random.nextLong(PROBE_MIN, PROBE_MAX + 1)));
        }

        void finish(boolean conflict) {
            timer.cancel();
            if (probes.remove(this)) iface.sieve().probeEnded();
            result.accept(conflict);
        }
    }

    private Neighbor newNeighbor(NetInterface iface, Ipv4Address address) {
        Neighbor[] self = new Neighbor[1];
        Timer t = sim.newTimer(now -> onTimer(self[0], now));
        self[0] = new Neighbor(iface, address, t);
        return self[0];
    }

    private void enter(Neighbor n, NeighborState state, long now) {
        n.state = state;
        n.sinceNanos = now;
        n.requestsSent = 0;
    }

    private void onTimer(Neighbor n, long now) {
        switch (n.state) {
            case INCOMPLETE, PROBE -> {
                if (n.requestsSent >= NeighborCache.MAX_REQUESTS) { fail(n); return; }
                sendRequest(n, n.state == NeighborState.PROBE ? n.mac : MacAddress.BROADCAST);
            }
            case REACHABLE -> {
                enter(n, NeighborState.STALE, now);
                n.timer.setDeadline(now + NeighborCache.STALE_EXPIRE_NANOS);
            }
            case STALE -> cache.remove(n);
            case DELAY -> {
                enter(n, NeighborState.PROBE, now);
                sendRequest(n, n.mac);   // RFC 1122 §2.3.2.1 (2): unicast poll
            }
        }
    }

    private void sendRequest(Neighbor n, MacAddress to) {
        Ipv4Address source = n.iface.address();
        if (source == null) { fail(n); return; }
        n.requestsSent++;
        n.timer.setDeadline(sim.now() + NeighborCache.RETRANSMIT_NANOS);
        counters.count(StackEvent.ARP_TX_REQUEST);
        MacAddress target = to.isBroadcast() ? MacAddress.ZERO : to;
        transmit(n.iface, to, new ArpPacket(ArpOperation.REQUEST, n.iface.mac(), source, target, n.address));
    }

    private void fail(Neighbor n) {
        cache.remove(n);
        while (!n.queue.isEmpty()) {
            counters.drop(ArpDrop.RESOLUTION_FAILED);
            onResolutionFailed.accept(n.iface, n.queue.pollFirst());
        }
    }

    private void transmit(NetInterface iface, MacAddress to, ArpPacket p) {
        byte[] frame = EthernetLayer.allocate(ArpPacket.LENGTH);
        p.emit(frame, EthernetHeader.LENGTH);
        ethernet.send(iface, to, EtherType.ARP, frame);
    }

    // ---- inbound --------------------------------------------------------------------------

    void receive(NetInterface iface, byte[] b, int off, int len, long now) {
        Malformed m = view.wrap(b, off, len).validate();
        if (m != Malformed.NONE) { counters.drop(ArpDrop.MALFORMED, m); return; }
        ArpPacket p = ArpPacket.from(view);
        boolean request = p.operation().equals(ArpOperation.REQUEST);
        boolean reply = p.operation().equals(ArpOperation.REPLY);
        if (request) counters.count(StackEvent.ARP_RX_REQUEST);
        if (reply) counters.count(StackEvent.ARP_RX_REPLY);
        if (p.senderMac().equals(iface.mac())) { counters.drop(ArpDrop.OWN_FRAME); return; }
        checkProbes(iface, p);

        Ipv4Address mine = iface.address();
        if (mine != null && p.senderIp().equals(mine)) { counters.drop(ArpDrop.ADDRESS_CONFLICT); return; }   // RFC 5227 §2.4
        boolean forMe = mine != null && p.targetIp().equals(mine);
        if (p.senderIp().isAny()) {
            // RFC 5227 §2.1.1: a probe teaches nothing; answer it if it asks for our address.
            if (forMe && request) sendReply(iface, p);
            else counters.drop(ArpDrop.NOT_FOR_US);
            return;
        }
        if (!p.senderMac().isUnicast() || p.senderIp().isLimitedBroadcast() || p.senderIp().isMulticast()
                || iface.isSubnetBroadcast(p.senderIp())) { counters.drop(ArpDrop.BAD_SENDER); return; }

        // RFC 826 "Packet Reception": update the sender's entry if we have one (merge flag) ...
        Neighbor n = cache.get(iface, p.senderIp());
        if (n != null) {
            learn(n, p.senderMac(), reply, now);
        } else if (forMe && request) {
            // ... and add it when the packet is for us. Linux adds it as STALE (no reachability proof yet).
            n = newNeighbor(iface, p.senderIp());
            cache.put(n);
            learn(n, p.senderMac(), false, now);
        }
        if (!forMe) {
            if (n == null) counters.drop(reply ? ArpDrop.UNSOLICITED_REPLY : ArpDrop.NOT_FOR_US);
            return;
        }
        if (request) sendReply(iface, p);   // RFC 826: "swap ... set opcode to reply, send to the requester"
        else if (!reply) counters.drop(ArpDrop.UNKNOWN_OPERATION);
    }

    private void learn(Neighbor n, MacAddress mac, boolean confirmed, long now) {
        boolean changed = n.mac == null || !n.mac.equals(mac);
        n.mac = mac;
        if (confirmed) {
            enter(n, NeighborState.REACHABLE, now);
            n.timer.setDeadline(now + NeighborCache.REACHABLE_NANOS);
        } else if (changed || n.state == NeighborState.INCOMPLETE) {
            enter(n, NeighborState.STALE, now);
            n.timer.setDeadline(now + NeighborCache.STALE_EXPIRE_NANOS);
        }
        while (!n.queue.isEmpty()) {
            if (n.state == NeighborState.STALE) {
                enter(n, NeighborState.DELAY, now);
                n.timer.setDeadline(now + NeighborCache.DELAY_NANOS);
            }
            ethernet.send(n.iface, mac, EtherType.IPV4, n.queue.pollFirst());
        }
    }

    private void sendReply(NetInterface iface, ArpPacket request) {
        counters.count(StackEvent.ARP_TX_REPLY);
        transmit(iface, request.senderMac(), ArpPacket.reply(iface.mac(), iface.address(), request.senderMac(), request.senderIp()));
    }

    private void checkProbes(NetInterface iface, ArpPacket p) {
        if (probes.isEmpty()) return;   // every ARP broadcast of the link reaches here: no copy when nothing is probed
        for (Probe probe : new ArrayList<>(probes)) {
            if (probe.iface != iface) continue;
            boolean claims = p.senderIp().equals(probe.candidate);                                 // RFC 5227 §2.1.1
            boolean probing = p.senderIp().isAny() && p.targetIp().equals(probe.candidate)
                    && p.operation().equals(ArpOperation.REQUEST);                                 // RFC 5227 §2.1.1, simultaneous probe
            if (claims || probing) probe.finish(true);
        }
    }
}
