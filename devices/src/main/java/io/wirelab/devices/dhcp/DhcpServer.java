package io.wirelab.devices.dhcp;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.udp.UdpDatagram;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.trace.CounterGroup;
import io.wirelab.trace.Counters;
import io.wirelab.wire.dhcp.DhcpMalformed;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dhcp.DhcpMessageType;
import io.wirelab.wire.dhcp.DhcpOptionCode;
import io.wirelab.wire.dhcp.DhcpOptions;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A DHCP server (RFC 2131 §4.3) on UDP port 67 of one stack. Pools are chosen by giaddr (relayed)
 * or by the subnet of the interface the request arrived on. Replies follow RFC 2131 §4.1.
 */
public final class DhcpServer {
    /** How long an unanswered OFFER keeps its address reserved. */
    public static final long OFFER_HOLD_NANOS = SimTime.seconds(60);

    private final NetworkStack stack;
    private final Simulator sim;
    private final List<LeasePool> pools = new ArrayList<>();
    /** The index of the first pool of each subnet, by prefix length and network: a lookup per prefix length, not per pool. */
    private final Map<Long, Integer> firstPoolOfSubnet = new HashMap<>();
    private final SortedSet<Integer> prefixLengths = new TreeSet<>();
    private final Counters<DhcpMessageType> received = Counters.prefixed(DhcpMessageType.class, "dhcp.rx.");
    private final Counters<DhcpMessageType> sent = Counters.prefixed(DhcpMessageType.class, "dhcp.tx.");
    private final Counters<DhcpMessageType> sendFailed = Counters.prefixed(DhcpMessageType.class, "dhcp.tx.fail.");
    private final Counters<DhcpServerDrop> drops = Counters.of(DhcpServerDrop.class);
    private final Counters<DhcpMalformed> malformed = Counters.prefixed(DhcpMalformed.class, "dhcp.rx.drop.");
    private final CounterGroup counters = new CounterGroup(received, sent, sendFailed, drops, malformed);
    private Ipv4Address serverId;
    private boolean authoritative = true;
    private UdpSocket socket;

    public DhcpServer(NetworkStack stack, Simulator sim) {
        this.stack = stack;
        this.sim = sim;
    }

    public DhcpServer addPool(DhcpPoolConfig config) {
        pools.add(new LeasePool(config));
        Ipv4Cidr subnet = config.subnet();
        firstPoolOfSubnet.putIfAbsent(subnetKey(subnet.prefixLength(), subnet.address()), pools.size() - 1);
        prefixLengths.add(subnet.prefixLength());
        return this;
    }

    private static long subnetKey(int prefixLength, Ipv4Address a) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (long) prefixLength << 32 | (a.bits() & mask & 0xffff_ffffL);
    }

    /** Option 54 value; defaults to the address of the interface a request arrives on. */
    public DhcpServer serverIdentifier(Ipv4Address id) { this.serverId = id; return this; }

    /** Authoritative (the default): NAK requests for addresses it cannot grant; else stay silent (RFC 2131 §4.3.2). */
    public DhcpServer authoritative(boolean a) { this.authoritative = a; return this; }

    public DhcpServer start() {
        if (socket == null) socket = stack.udp().bind(Ipv4Address.ANY, DhcpMessage.SERVER_PORT, this::receive);
        return this;
    }

    public void stop() {
        if (socket != null) socket.close();
        socket = null;
    }

    public List<LeasePool> pools() { return List.copyOf(pools); }

    /** Every lease row of every pool, pool order then address order. */
    public List<Lease> leases() {
        List<Lease> out = new ArrayList<>();
        for (LeasePool p : pools) out.addAll(p.leases());
        return out;
    }

    /** Leases bound right now. */
    public List<Lease> activeLeases() {
        List<Lease> out = new ArrayList<>();
        for (LeasePool p : pools) out.addAll(p.active(sim.now()));
        return out;
    }

    /** Non-zero counters like dhcp.rx.discover, dhcp.tx.ack, dhcp.rx.drop.no_magic_cookie. */
    public SequencedMap<String, Long> counters() { return counters.snapshot(); }

    /** One counter by name; IllegalArgumentException for a name this server does not count. */
    public long counter(String name) { return counters.get(name); }

    public long counter(DhcpServerDrop d) { return drops.get(d); }

    // ---- receive ----

    void receive(UdpDatagram d, long now) {
        DhcpMessage.Parsed p = DhcpMessage.parse(d.data());
        if (!p.ok()) { malformed.count(p.reason()); return; }
        DhcpMessage m = p.message();
        if (m.op() != DhcpMessage.BOOTREQUEST) { drops.count(DhcpServerDrop.NOT_REQUEST); return; }
        DhcpMessageType type = m.messageType();
        if (type == null) { drops.count(DhcpServerDrop.NO_MESSAGE_TYPE); return; }
        received.count(type);
        NetInterface iface = d.arrivedOn();
        Ipv4Address myId = serverId != null ? serverId : iface == null ? null : iface.address();
        if (myId == null) { drops.count(DhcpServerDrop.NO_SERVER_ADDRESS); return; }
        LeasePool pool = poolFor(m, iface);
        if (pool == null) { drops.count(DhcpServerDrop.NO_POOL); return; }
        switch (type) {
            case DISCOVER -> onDiscover(m, pool, iface, myId, now);
            case REQUEST -> onRequest(m, pool, iface, myId, now);
            case DECLINE -> onDecline(m, pool, myId, now);
            case RELEASE -> onRelease(m, pool, myId, now);
            case INFORM -> onInform(m, pool, iface, myId);
            default -> drops.count(DhcpServerDrop.SERVER_MESSAGE);
        }
    }

    private LeasePool poolFor(DhcpMessage m, NetInterface iface) {
        // RFC 2131 §4.3.1: giaddr selects the subnet of a relayed request, else the arrival interface
        Ipv4Address net = !m.giaddr().isAny() ? m.giaddr() : iface == null ? null : iface.address();
        if (net == null) return null;
        int first = Integer.MAX_VALUE;   // the first pool in the configured order whose subnet holds net
        for (int prefixLength : prefixLengths) {
            Integer i = firstPoolOfSubnet.get(subnetKey(prefixLength, net));
            if (i != null) first = Math.min(first, i);
        }
        return first == Integer.MAX_VALUE ? null : pools.get(first);
    }

    /** RFC 2131 §4.2: client identifier if present, else htype and chaddr (hlen of its bytes; the parser refuses more than 16). */
    static String clientKey(DhcpMessage m) {
        byte[] id = m.options().clientIdentifier();
        if (id != null) return "id:" + HexFormat.of().formatHex(id);
        MacAddress mac = m.clientMac();
        return mac != null ? "mac:" + mac : "chaddr:" + m.htype() + ":" + HexFormat.of().formatHex(m.chaddr(), 0, m.hlen());
    }

    private void onDiscover(DhcpMessage m, LeasePool pool, NetInterface iface, Ipv4Address myId, long now) {
        String key = clientKey(m);
        Ipv4Address a = pool.choose(key, m.clientMac(), m.options().requestedAddress(), now);
        if (a == null) { drops.count(DhcpServerDrop.POOL_EXHAUSTED); return; }
        pool.offer(a, key, m.clientMac(), m.options().hostName(), now, OFFER_HOLD_NANOS);
        send(m, iface, DhcpMessage.reply(m, Ipv4Address.ANY, a, myId, leaseOptions(DhcpMessageType.OFFER, pool, myId)));
    }

    private void onRequest(DhcpMessage m, LeasePool pool, NetInterface iface, Ipv4Address myId, long now) {
        String key = clientKey(m);
        Ipv4Address chosenServer = m.options().serverIdentifier();
        Ipv4Address requested = m.options().requestedAddress();
        Ipv4Address a;
        if (chosenServer != null) {
            // RFC 2131 §4.3.2 SELECTING: option 54 names the server the client chose
            if (!chosenServer.equals(myId)) {
                Lease mine = pool.findByClient(key);
                if (mine != null && mine.state() == Lease.State.OFFERED) pool.release(mine.address(), now);
                drops.count(DhcpServerDrop.OTHER_SERVER);
                return;
            }
            if (requested == null || !m.ciaddr().isAny()) { nak(m, iface, myId, "selecting request without requested address"); return; }
            Lease mine = pool.findByClient(key);
            if (mine == null || !mine.address().equals(requested) || !mine.holds(now)) { nak(m, iface, myId, "no offer for this address"); return; }
            a = requested;
        } else if (requested != null) {
            // RFC 2131 §4.3.2 INIT-REBOOT: verify the remembered address
            if (!pool.config().subnet().contains(requested)) { nak(m, iface, myId, "wrong network"); return; }
            Lease mine = pool.findByClient(key);
            boolean known = mine != null && mine.address().equals(requested) && mine.holds(now);
            if (!known) {
                if (!authoritative) { drops.count(DhcpServerDrop.UNKNOWN_CLIENT); return; }
                if (!pool.availableFor(requested, key, m.clientMac(), now)) { nak(m, iface, myId, "address not available"); return; }
            }
            a = requested;
        } else if (!m.ciaddr().isAny()) {
            // RFC 2131 §4.3.2 RENEWING (unicast) / REBINDING (broadcast): extend the lease on ciaddr
            a = m.ciaddr();
            Lease mine = pool.lease(a);
            boolean known = mine != null && mine.clientKey().equals(key) && mine.isBound(now);
            if (!known) {
                if (!authoritative) { drops.count(DhcpServerDrop.UNKNOWN_CLIENT); return; }
                if (!pool.availableFor(a, key, m.clientMac(), now)) { nak(m, iface, myId, "lease unknown or taken"); return; }
            }
        } else {
            drops.count(DhcpServerDrop.BAD_REQUEST);
            return;
        }
        long leaseNanos = SimTime.seconds(pool.config().leaseSeconds());
        pool.bind(a, key, m.clientMac(), m.options().hostName(), now, leaseNanos);
        send(m, iface, DhcpMessage.reply(m, m.ciaddr(), a, myId, leaseOptions(DhcpMessageType.ACK, pool, myId)));
    }

    private void onDecline(DhcpMessage m, LeasePool pool, Ipv4Address myId, long now) {
        Ipv4Address a = m.options().requestedAddress();
        if (a == null || !myId.equals(m.options().serverIdentifier())) { drops.count(DhcpServerDrop.BAD_DECLINE); return; }
        // RFC 2131 §4.3.3: mark the address as not available
        pool.decline(a, now, SimTime.seconds(pool.config().leaseSeconds()));
    }

    private void onRelease(DhcpMessage m, LeasePool pool, Ipv4Address myId, long now) {
        Lease l = pool.lease(m.ciaddr());
        // RFC 2131 §4.3.4: mark the client's lease as not allocated; no reply
        if (l == null || !l.clientKey().equals(clientKey(m)) || !l.isBound(now)) { drops.count(DhcpServerDrop.BAD_RELEASE); return; }
        pool.release(l.address(), now);
    }

    private void onInform(DhcpMessage m, LeasePool pool, NetInterface iface, Ipv4Address myId) {
        if (m.ciaddr().isAny()) { drops.count(DhcpServerDrop.BAD_INFORM); return; }
        // RFC 2131 §4.3.5: ACK with configuration, no lease time, yiaddr zero
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(DhcpMessageType.ACK)
                .address(DhcpOptionCode.SERVER_IDENTIFIER, myId);
        configOptions(o, pool);
        send(m, iface, DhcpMessage.reply(m, m.ciaddr(), Ipv4Address.ANY, Ipv4Address.ANY, o.build()));
    }

    private void nak(DhcpMessage m, NetInterface iface, Ipv4Address myId, String why) {
        // RFC 2131 §4.3.2, table 3: NAK carries 53, 54 and optionally 56
        DhcpOptions o = DhcpOptions.builder().messageType(DhcpMessageType.NAK).address(DhcpOptionCode.SERVER_IDENTIFIER, myId)
                .text(DhcpOptionCode.MESSAGE, why).build();
        send(m, iface, DhcpMessage.reply(m, Ipv4Address.ANY, Ipv4Address.ANY, Ipv4Address.ANY, o));
    }

    private DhcpOptions leaseOptions(DhcpMessageType type, LeasePool pool, Ipv4Address myId) {
        long lease = pool.config().leaseSeconds();
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(type)
                .address(DhcpOptionCode.SERVER_IDENTIFIER, myId)
                .u32(DhcpOptionCode.LEASE_TIME, lease)
                .u32(DhcpOptionCode.RENEWAL_TIME, lease / 2)          // RFC 2131 §4.4.5: T1 defaults to 0.5 * lease
                .u32(DhcpOptionCode.REBINDING_TIME, lease * 7 / 8);   // RFC 2131 §4.4.5: T2 defaults to 0.875 * lease
        configOptions(o, pool);
        return o.build();
    }

    private static void configOptions(DhcpOptions.Builder o, LeasePool pool) {
        DhcpPoolConfig c = pool.config();
        o.address(DhcpOptionCode.SUBNET_MASK, c.subnet().netmask());
        o.addresses(DhcpOptionCode.ROUTER, c.routers());
        o.addresses(DhcpOptionCode.DOMAIN_NAME_SERVER, c.dnsServers());
        if (c.domainName() != null && !c.domainName().isEmpty()) o.text(DhcpOptionCode.DOMAIN_NAME, c.domainName());
    }

    /** RFC 2131 §4.1: relay → giaddr; ciaddr set → unicast to it; NAK or broadcast bit → broadcast; else unicast to yiaddr at chaddr. */
    private void send(DhcpMessage req, NetInterface iface, DhcpMessage reply) {
        byte[] data = reply.encode();
        Ipv4Address src = serverId != null ? serverId : iface.address();
        boolean nak = reply.messageType() == DhcpMessageType.NAK;
        boolean ok;
        if (!req.giaddr().isAny()) {
            ok = socket.sendTo(req.giaddr(), DhcpMessage.SERVER_PORT, data);
        } else if (!req.ciaddr().isAny() && !nak) {
            ok = socket.sendTo(req.ciaddr(), DhcpMessage.CLIENT_PORT, data);
        } else if (nak || req.broadcastFlag() || req.clientMac() == null) {
            ok = socket.sendVia(iface, src, Ipv4Address.BROADCAST, DhcpMessage.CLIENT_PORT, MacAddress.BROADCAST, data);
        } else {
            ok = socket.sendVia(iface, src, reply.yiaddr(), DhcpMessage.CLIENT_PORT, req.clientMac(), data);
        }
        (ok ? sent : sendFailed).count(reply.messageType());
    }
}
