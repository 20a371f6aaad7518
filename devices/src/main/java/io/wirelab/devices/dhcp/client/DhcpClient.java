package io.wirelab.devices.dhcp.client;

import io.wirelab.sim.SimRandom;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;
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
import java.util.Collections;
import java.util.List;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A DHCP client for one interface (RFC 2131 §4.4): INIT → SELECTING → REQUESTING → BOUND, renew at
 * T1 by unicast, rebind at T2 by broadcast, back to INIT at expiry; INIT-REBOOT with a remembered
 * address. Applies address and default gateway to the stack; listeners get DNS servers and domain.
 */
public final class DhcpClient {
    static final long MIN_RETRANSMIT_GAP = SimTime.seconds(60);   // RFC 2131 §4.4.5 "minimum of 60 seconds"
    static final long DECLINE_WAIT = SimTime.seconds(10);         // RFC 2131 §3.1 step 5 / §4.4.1

    private final NetworkStack stack;
    private final Simulator sim;
    private final NetInterface iface;
    private final DhcpClientOptions options;
    private final SimRandom random;
    private final Timer timer;
    private final Counters<DhcpClientCounter> counts = Counters.of(DhcpClientCounter.class);
    private final Counters<DhcpMalformed> malformed = Counters.prefixed(DhcpMalformed.class, "dhcp.rx.drop.");
    private final CounterGroup counters = new CounterGroup(counts, malformed);
    private final List<Consumer<DhcpLease>> leaseListeners = new ArrayList<>();
    private final List<Runnable> lostListeners = new ArrayList<>();
    private final List<DhcpClientState> history = new ArrayList<>();
    private UdpSocket socket;
    private DhcpClientState state = DhcpClientState.STOPPED;
    private int xid;
    private int attempt;
    private long startedAtNanos;
    private DhcpMessage offer;
    private DhcpLease lease;
    private Ipv4Address rememberedAddress;
    private Ipv4Address gatewaySet;
    private CompletableFuture<DhcpLease> future = new CompletableFuture<>();

    public DhcpClient(NetworkStack stack, NetInterface iface, DhcpClientOptions options) {
        this.stack = stack;
        this.sim = stack.simulator();
        this.iface = iface;
        this.options = options;
        this.random = sim.random("dhcp-client/" + stack.hostName() + "/" + iface.name());
        this.timer = sim.newTimer(this::onTimer);
    }

    public DhcpClientState state() { return state; }
    /** Every state entered, in order (for tests and the lab console). */
    public List<DhcpClientState> history() { return Collections.unmodifiableList(history); }
    public DhcpLease lease() { return lease; }
    public NetInterface iface() { return iface; }
    /** Non-zero counters like dhcp.tx.discover, dhcp.rx.ack, dhcp.rx.drop.truncated. */
    public SequencedMap<String, Long> counters() { return counters.snapshot(); }
    /** One counter by name; IllegalArgumentException for a name this client does not count. */
    public long counter(String name) { return counters.get(name); }
    public long counter(DhcpClientCounter c) { return counts.get(c); }
    /** Completes with the next lease bound (or the current one when already bound). */
    public CompletableFuture<DhcpLease> leaseFuture() { return future; }
    /** Called on every bind and renewal. */
    public void onLease(Consumer<DhcpLease> l) { leaseListeners.add(l); }
    /** Called when the lease ends (expiry, NAK or release). */
    public void onLeaseLost(Runnable r) { lostListeners.add(r); }

    /** Starts from INIT, or INIT-REBOOT when an address is remembered from an earlier lease. */
    public CompletableFuture<DhcpLease> start() {
        if (socket == null) socket = stack.udp().bind(Ipv4Address.ANY, DhcpMessage.CLIENT_PORT, this::receive);
        if (future.isDone() && lease == null) future = new CompletableFuture<>();
        if (state != DhcpClientState.STOPPED) return future;
        if (rememberedAddress != null) enterInitReboot(); else enterInit(random.nextLong(0, options.initialDelayMaxNanos() + 1));
        return future;
    }

    /** Sends DHCPRELEASE (RFC 2131 §4.4.6), removes the address and stops. */
    public void release() {
        if (lease != null && socket != null) {
            xid = random.nextInt();
            DhcpOptions o = DhcpOptions.builder().messageType(DhcpMessageType.RELEASE)
                    .address(DhcpOptionCode.SERVER_IDENTIFIER, lease.server()).add(DhcpOptionCode.CLIENT_IDENTIFIER, clientId()).build();
            byte[] data = DhcpMessage.request(xid, iface.mac(), 0, 0, lease.ip(), o).encode();
            count(socket.sendTo(lease.server(), DhcpMessage.SERVER_PORT, data) ? DhcpClientCounter.TX_RELEASE : DhcpClientCounter.TX_FAIL_RELEASE);
        }
        dropLease();
        rememberedAddress = null;
        timer.cancel();
        enter(DhcpClientState.STOPPED);
    }

    /** Stops without releasing; the address is remembered for INIT-REBOOT on the next start(). */
    public void stop() {
        timer.cancel();
        if (lease != null) rememberedAddress = lease.ip();
        dropLease();
        enter(DhcpClientState.STOPPED);
    }

    // ---- states ----

    private void enter(DhcpClientState s) {
        state = s;
        history.add(s);
    }

    private void enterInit(long delayNanos) {
        enter(DhcpClientState.INIT);
        timer.setDeadline(sim.now() + delayNanos);
    }

    private void enterSelecting() {
        xid = random.nextInt();
        attempt = 0;
        startedAtNanos = sim.now();
        offer = null;
        enter(DhcpClientState.SELECTING);
        sendDiscover();
    }

    private void enterInitReboot() {
        enter(DhcpClientState.INIT_REBOOT);
        xid = random.nextInt();
        attempt = 0;
        startedAtNanos = sim.now();
        enter(DhcpClientState.REBOOTING);
        sendRequest(Ipv4Address.ANY, rememberedAddress, null, true);
    }

    private void onTimer(long now) {
        switch (state) {
            case INIT -> enterSelecting();
            case SELECTING -> { attempt++; sendDiscover(); }
            case REQUESTING, REBOOTING -> {
                attempt++;
                // RFC 2131 §4.4.1: give up after the retransmissions and restart in INIT
                if (attempt > options.requestRetries()) { rememberedAddress = null; enterInit(0); return; }
                if (state == DhcpClientState.REQUESTING) sendRequest(Ipv4Address.ANY, offer.yiaddr(), offer.options().serverIdentifier(), false);
                else sendRequest(Ipv4Address.ANY, rememberedAddress, null, true);
            }
            case BOUND -> {
                xid = random.nextInt();
                startedAtNanos = now;
                enter(DhcpClientState.RENEWING);
                renewOrRebind(now);
            }
            case RENEWING -> {
                if (now >= lease.t2AtNanos()) enter(DhcpClientState.REBINDING);
                renewOrRebind(now);
            }
            case REBINDING -> renewOrRebind(now);
            default -> { }
        }
    }

    /** RFC 2131 §4.4.5: retransmit after half the time left to T2 (or expiry), at least 60 s apart. */
    private void renewOrRebind(long now) {
        if (now >= lease.expiresAtNanos()) {
            count(DhcpClientCounter.LEASE_EXPIRED);
            dropLease();
            enterInit(0);
            return;
        }
        boolean renewing = state == DhcpClientState.RENEWING;
        long until = renewing ? lease.t2AtNanos() : lease.expiresAtNanos();
        if (renewing && now >= until) { enter(DhcpClientState.REBINDING); renewing = false; until = lease.expiresAtNanos(); }
        DhcpOptions o = baseOptions(DhcpMessageType.REQUEST).build();
        byte[] data = DhcpMessage.request(xid, iface.mac(), secs(now), 0, lease.ip(), o).encode();
        boolean ok = renewing
                ? socket.sendTo(lease.server(), DhcpMessage.SERVER_PORT, data)                          // unicast renewal
                : socket.sendVia(iface, lease.ip(), Ipv4Address.BROADCAST, DhcpMessage.SERVER_PORT, MacAddress.BROADCAST, data);
        count(ok ? (renewing ? DhcpClientCounter.TX_REQUEST_RENEWING : DhcpClientCounter.TX_REQUEST_REBINDING) : DhcpClientCounter.TX_FAIL_REQUEST);
        timer.setDeadline(Math.min(until, now + Math.max(MIN_RETRANSMIT_GAP, (until - now) / 2)));
    }

    // ---- send ----

    private DhcpOptions.Builder baseOptions(DhcpMessageType t) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(t).add(DhcpOptionCode.CLIENT_IDENTIFIER, clientId());
        return o;
    }

    private void finishOptions(DhcpOptions.Builder o) {
        o.add(DhcpOptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6, 15, 51, 54, 58, 59});
        if (options.hostName() != null) o.text(DhcpOptionCode.HOST_NAME, options.hostName());
    }

    /** RFC 2132 §9.14: type 1 (Ethernet) followed by the MAC. */
    private byte[] clientId() {
        byte[] id = new byte[7];
        id[0] = 1;
        iface.mac().write(id, 1);
        return id;
    }

    private int flags() { return options.broadcastFlag() ? DhcpMessage.FLAG_BROADCAST : 0; }

    private int secs(long now) { return (int) Math.min(0xffff, (now - startedAtNanos) / SimTime.SECOND); }

    private void sendDiscover() {
        DhcpOptions.Builder o = baseOptions(DhcpMessageType.DISCOVER);
        if (rememberedAddress != null) o.address(DhcpOptionCode.REQUESTED_ADDRESS, rememberedAddress);
        finishOptions(o);
        broadcast(DhcpMessage.request(xid, iface.mac(), secs(sim.now()), flags(), Ipv4Address.ANY, o.build()), DhcpClientCounter.TX_DISCOVER, DhcpClientCounter.TX_FAIL_DISCOVER);
        timer.setDeadline(sim.now() + backoff());
    }

    /** SELECTING (with server id) or INIT-REBOOT (without): broadcast, requested address in option 50 (RFC 2131 §4.3.2). */
    private void sendRequest(Ipv4Address ciaddr, Ipv4Address requested, Ipv4Address server, boolean reboot) {
        DhcpOptions.Builder o = baseOptions(DhcpMessageType.REQUEST).address(DhcpOptionCode.REQUESTED_ADDRESS, requested);
        if (server != null) o.address(DhcpOptionCode.SERVER_IDENTIFIER, server);
        finishOptions(o);
        broadcast(DhcpMessage.request(xid, iface.mac(), secs(sim.now()), flags(), ciaddr, o.build()),
                reboot ? DhcpClientCounter.TX_REQUEST_INIT_REBOOT : DhcpClientCounter.TX_REQUEST_SELECTING,
                reboot ? DhcpClientCounter.TX_FAIL_REQUEST_INIT_REBOOT : DhcpClientCounter.TX_FAIL_REQUEST_SELECTING);
        timer.setDeadline(sim.now() + backoff());
    }

    private void broadcast(DhcpMessage m, DhcpClientCounter sent, DhcpClientCounter failed) {
        boolean ok = socket.sendVia(iface, Ipv4Address.ANY, Ipv4Address.BROADCAST, DhcpMessage.SERVER_PORT, MacAddress.BROADCAST, m.encode());
        count(ok ? sent : failed);
    }

    /** RFC 2131 §4.1: 4 s doubling to 64 s, randomized by a uniform -1..+1 s. */
    long backoff() {
        long base = SimTime.seconds(4) << Math.min(attempt, 4);
        return base + random.nextLong(-SimTime.SECOND, SimTime.SECOND + 1);
    }

    // ---- receive ----

    void receive(UdpDatagram d, long now) {
        // A broadcast OFFER or ACK (a client that set the broadcast flag, a NAK) reaches every client on
        // the link: one for another client (xid and chaddr, RFC 2131 §4.4.1) is dropped before its options are parsed.
        if (isReplyForAnother(d.data())) { count(DhcpClientCounter.RX_DROP_NOT_OURS); return; }
        DhcpMessage.Parsed p = DhcpMessage.parse(d.data());
        if (!p.ok()) { malformed.count(p.reason()); return; }
        DhcpMessage m = p.message();
        // RFC 2131 §4.4.1: accept only replies to our xid and chaddr
        if (m.op() != DhcpMessage.BOOTREPLY || m.xid() != xid || !iface.mac().equals(m.clientMac())) { count(DhcpClientCounter.RX_DROP_NOT_OURS); return; }
        DhcpMessageType t = m.messageType();
        if (t == null) { count(DhcpClientCounter.RX_DROP_NO_MESSAGE_TYPE); return; }
        switch (state) {
            case SELECTING -> {
                if (t != DhcpMessageType.OFFER || m.options().serverIdentifier() == null || m.yiaddr().isAny()) { count(DhcpClientCounter.RX_DROP_UNEXPECTED); return; }
                count(DhcpClientCounter.RX_OFFER);
                offer = m;
                attempt = 0;
                enter(DhcpClientState.REQUESTING);
                sendRequest(Ipv4Address.ANY, m.yiaddr(), m.options().serverIdentifier(), false);
            }
            case REQUESTING, REBOOTING, RENEWING, REBINDING -> {
                if (t == DhcpMessageType.ACK) onAck(m, now);
                else if (t == DhcpMessageType.NAK) onNak();
                else count(DhcpClientCounter.RX_DROP_UNEXPECTED);
            }
            default -> count(DhcpClientCounter.RX_DROP_UNEXPECTED);
        }
    }

    private boolean isReplyForAnother(byte[] b) {
        if (b.length < DhcpMessage.FIXED_LENGTH) return false;
        int messageXid = (b[4] & 0xff) << 24 | (b[5] & 0xff) << 16 | (b[6] & 0xff) << 8 | (b[7] & 0xff);
        return b[0] == DhcpMessage.BOOTREPLY && (messageXid != xid || MacAddress.read(b, 28).bits() != iface.mac().bits());
    }

    private void onNak() {
        // RFC 2131 §4.4.1 / §3.2 step 3: stop using the address and restart from INIT
        count(DhcpClientCounter.RX_NAK);
        rememberedAddress = null;
        dropLease();
        enterInit(0);
    }

    private void onAck(DhcpMessage m, long now) {
        count(DhcpClientCounter.RX_ACK);
        DhcpOptions o = m.options();
        long secs = o.leaseTime();
        if (secs <= 0 || m.yiaddr().isAny()) { count(DhcpClientCounter.RX_DROP_ACK_WITHOUT_LEASE); return; }
        Ipv4Address mask = o.subnetMask();
        int prefix = mask == null ? classfulPrefix(m.yiaddr()) : Integer.bitCount(mask.bits());
        boolean infinite = secs == 0xffff_ffffL;   // RFC 2132 §9.2
        long t1 = o.renewalTime() > 0 ? o.renewalTime() : secs / 2;
        long t2 = o.rebindingTime() > 0 ? o.rebindingTime() : secs * 7 / 8;
        Ipv4Address server = o.serverIdentifier() != null ? o.serverIdentifier() : lease != null ? lease.server() : offer.options().serverIdentifier();
        DhcpLease l = new DhcpLease(new Ipv4Cidr(m.yiaddr(), prefix), server, o.routers(), o.dnsServers(), o.domainName(), secs,
                infinite ? Timer.NEVER : now + SimTime.seconds(t1), infinite ? Timer.NEVER : now + SimTime.seconds(t2),
                infinite ? Timer.NEVER : now + SimTime.seconds(secs), now);
        boolean fresh = state == DhcpClientState.REQUESTING || state == DhcpClientState.REBOOTING;
        if (fresh && options.arpProbe()) {
            timer.cancel();
            DhcpClientState probingIn = state;
            stack.arp().probe(iface, l.ip(), conflict -> {
                if (state != probingIn) return;
                if (conflict) decline(l); else bind(l, true);
            });
            return;
        }
        bind(l, fresh);
    }

    /** RFC 2131 §4.4.1: the address is in use; DECLINE it and restart after at least ten seconds. */
    private void decline(DhcpLease l) {
        DhcpOptions o = DhcpOptions.builder().messageType(DhcpMessageType.DECLINE).add(DhcpOptionCode.CLIENT_IDENTIFIER, clientId())
                .address(DhcpOptionCode.REQUESTED_ADDRESS, l.ip()).address(DhcpOptionCode.SERVER_IDENTIFIER, l.server()).build();
        broadcast(DhcpMessage.request(xid, iface.mac(), 0, 0, Ipv4Address.ANY, o), DhcpClientCounter.TX_DECLINE, DhcpClientCounter.TX_FAIL_DECLINE);
        rememberedAddress = null;
        enterInit(DECLINE_WAIT);
    }

    private void bind(DhcpLease l, boolean fresh) {
        boolean changed = lease == null || !lease.address().equals(l.address());
        lease = l;
        rememberedAddress = l.ip();
        if (changed) iface.configure(l.address());
        if (!l.routers().isEmpty() && (stack.defaultGateway() == null || stack.defaultGateway().equals(gatewaySet))) {
            stack.setDefaultGateway(l.routers().getFirst());
            gatewaySet = l.routers().getFirst();
        }
        if (fresh || changed) stack.arp().sendGratuitous(iface);   // RFC 5227 §2.3 announcement
        enter(DhcpClientState.BOUND);
        timer.setDeadline(l.t1AtNanos());
        for (Consumer<DhcpLease> c : List.copyOf(leaseListeners)) c.accept(l);
        if (!future.isDone()) future.complete(l);
    }

    private void dropLease() {
        if (lease == null) return;
        if (lease.address().equals(iface.cidr())) iface.clearAddress();
        if (gatewaySet != null && gatewaySet.equals(stack.defaultGateway())) stack.setDefaultGateway(null);
        gatewaySet = null;
        lease = null;
        if (future.isDone()) future = new CompletableFuture<>();
        for (Runnable r : List.copyOf(lostListeners)) r.run();
    }

    private static int classfulPrefix(Ipv4Address a) {
        int first = (a.bits() >>> 24) & 0xff;
        return first < 128 ? 8 : first < 192 ? 16 : 24;   // classful default (RFC 791 §3.2) when option 1 is absent
    }

    private void count(DhcpClientCounter c) { counts.count(c); }
}
