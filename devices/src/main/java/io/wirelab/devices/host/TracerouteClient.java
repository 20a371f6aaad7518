package io.wirelab.devices.host;

import io.wirelab.sim.Scheduled;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.Icmpv4Error;
import io.wirelab.stack.Icmpv4ErrorListener;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.udp.UdpHeader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One run of traceroute(8) with UDP probes (the Van Jacobson method, Linux traceroute's default): for
 * TTL 1, 2, ... send probesPerHop datagrams to port basePort + n (n counts every probe), one at a time,
 * each waiting up to the wait for an ICMP time exceeded (an intermediate router, RFC 1812 §5.3.1) or
 * destination unreachable (port unreachable: the destination; RFC 792). Stops after the hop where
 * the destination answered or any probe got another unreachable (!H, !N, !P, !F-mtu, !X), or at
 * maxHops. DEVIATION: probes go one at a time (traceroute -N 1), not 16 at once, so runs read easily.
 */
final class TracerouteClient implements Icmpv4ErrorListener {
    private final Simulator sim;
    private final NetworkStack stack;
    private final Ipv4Address destination;
    private final TracerouteOptions options;
    private final CompletableFuture<TracerouteResult> result = new CompletableFuture<>();
    private final List<TracerouteResult.Hop> hops = new ArrayList<>();
    private List<TracerouteResult.Probe> current = new ArrayList<>();
    private UdpSocket socket;
    private int ttl;
    private int probeNumber;
    private int waitingPort = -1;
    private long sentAt;
    private boolean finalHop;
    private boolean reached;
    private Scheduled timeout;

    TracerouteClient(NetworkStack stack, Ipv4Address destination, TracerouteOptions options) {
        this.sim = stack.simulator();
        this.stack = stack;
        this.destination = destination;
        this.options = options;
        this.ttl = options.firstTtl();
    }

    CompletableFuture<TracerouteResult> start() {
        socket = stack.udp().bind(Ipv4Address.ANY, 0, (d, now) -> { });   // holds the source port, as traceroute's socket does
        stack.icmp().addErrorListener(this);
        sim.after(0, this::sendProbe);
        return result;
    }

    private void sendProbe() {
        int port = options.basePort() + probeNumber++;
        Ipv4Address src = stack.ipv4().sourceFor(destination);
        byte[] datagram = new byte[UdpHeader.LENGTH + options.dataBytes()];
        for (int i = 0; i < options.dataBytes(); i++) datagram[UdpHeader.LENGTH + i] = (byte) (0x40 + (i & 0x3f));   // traceroute's "@ABC..." fill
        waitingPort = port;
        sentAt = sim.now();
        timeout = sim.after(options.waitNanos(), () -> record(new TracerouteResult.Probe(null, 0, "")));
        if (src == null) return;   // no route: the probe times out, as traceroute prints "*" for a failed send
        new UdpHeader(socket.localPort(), port, options.dataBytes()).emit(datagram, 0, src, destination);
        stack.ipv4().send(src, destination, IpProtocol.UDP, ttl, false, datagram, 0, datagram.length);
    }

    @Override
    public void onIcmpError(Icmpv4Error e, long now) {
        if (waitingPort < 0 || !e.originalProtocol().equals(IpProtocol.UDP) || !e.originalDestination().equals(destination)
                || e.originalSourcePort() != socket.localPort() || e.originalDestinationPort() != waitingPort) return;
        String note = "";
        if (e.isUnreachable()) {
            finalHop = true;
            if (e.code() == Icmpv4Message.CODE_PORT_UNREACHABLE) reached |= e.reporter().equals(destination);
            note = switch (e.code()) {
                case Icmpv4Message.CODE_PORT_UNREACHABLE -> "";
                case Icmpv4Message.CODE_NET_UNREACHABLE -> "!N";
                case Icmpv4Message.CODE_HOST_UNREACHABLE -> "!H";
                case Icmpv4Message.CODE_PROTOCOL_UNREACHABLE -> "!P";
                case Icmpv4Message.CODE_FRAGMENTATION_NEEDED -> "!F-" + e.nextHopMtu();
                default -> "!<" + e.code() + ">";
            };
        }
        timeout.cancel();
        record(new TracerouteResult.Probe(e.reporter(), now - sentAt, note));
    }

    private void record(TracerouteResult.Probe p) {
        waitingPort = -1;
        current.add(p);
        if (current.size() < options.probesPerHop()) { sim.after(0, this::sendProbe); return; }
        hops.add(new TracerouteResult.Hop(ttl, current));
        current = new ArrayList<>();
        if (finalHop || ttl >= options.maxHops()) { finish(); return; }
        ttl++;
        sim.after(0, this::sendProbe);
    }

    private void finish() {
        stack.icmp().removeErrorListener(this);
        socket.close();
        result.complete(new TracerouteResult(destination, hops, reached));
    }
}
