package io.wirelab.devices.router;

import io.wirelab.stack.NetInterface;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.udp.UdpDatagram;
import io.wirelab.stack.udp.UdpSocket;
import io.wirelab.trace.Counters;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dhcp.DhcpMessageType;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BOOTP/DHCP relay agent (RFC 1542 §4, RFC 2131 §4.1) on UDP port 67 of a router: a client's
 * broadcast on a served interface goes to each server with giaddr = that interface's address and hops
 * + 1; the server's reply, sent to giaddr, goes to the client on the interface that owns giaddr:
 * broadcast if the client set the broadcast flag (or for a NAK), else unicast to yiaddr at chaddr.
 * Everything else in the message is passed on byte for byte. Not done: relay agent information
 * (RFC 3046 option 82).
 */
public final class DhcpRelay {
    /** RFC 1542 §4.1.1: "MUST" discard above a configurable maximum; dhcrelay's default is 10. */
    public static final int MAX_HOPS = 10;
    private static final int HOPS_AT = 3, FLAGS_AT = 10, GIADDR_AT = 24;

    private final NetworkStack stack;
    private final Counters<RouterEvent> events;
    private final Counters<RelayDrop> drops = Counters.of(RelayDrop.class);
    private final Map<NetInterface, List<Ipv4Address>> served = new LinkedHashMap<>();
    private UdpSocket socket;

    DhcpRelay(NetworkStack stack, Counters<RouterEvent> events) {
        this.stack = stack;
        this.events = events;
    }

    /** Relays client messages arriving on iface to servers (each gets a copy). */
    void serve(NetInterface iface, List<Ipv4Address> servers) {
        served.put(iface, List.copyOf(servers));
        if (socket == null) socket = stack.udp().bind(Ipv4Address.ANY, DhcpMessage.SERVER_PORT, this::receive);
    }

    /** The interfaces served, in the order given, with their servers. */
    public Map<String, List<Ipv4Address>> served() {
        Map<String, List<Ipv4Address>> out = new LinkedHashMap<>();
        served.forEach((i, s) -> out.put(i.name(), s));
        return out;
    }

    Counters<RelayDrop> drops() { return drops; }

    private void receive(UdpDatagram d, long now) {
        DhcpMessage.Parsed p = DhcpMessage.parse(d.data());
        if (!p.ok()) { drops.count(RelayDrop.MALFORMED); return; }
        if (p.message().op() == DhcpMessage.BOOTREQUEST) fromClient(d, p.message());
        else fromServer(d, p.message());
    }

    /** RFC 1542 §4.1.1. */
    private void fromClient(UdpDatagram d, DhcpMessage m) {
        List<Ipv4Address> servers = served.get(d.arrivedOn());
        if (servers == null) { drops.count(RelayDrop.NOT_RELAYED_HERE); return; }
        if (m.hops() >= MAX_HOPS) { drops.count(RelayDrop.TOO_MANY_HOPS); return; }
        byte[] out = d.data().clone();
        Bytes.put8(out, HOPS_AT, m.hops() + 1);
        if (m.giaddr().isAny()) d.arrivedOn().address().write(out, GIADDR_AT);   // else a relay before us set it
        for (Ipv4Address server : servers) {
            if (socket.sendTo(server, DhcpMessage.SERVER_PORT, out)) events.count(RouterEvent.RELAY_TO_SERVER);
            else drops.count(RelayDrop.SEND_FAILED);
        }
    }

    /** RFC 1542 §4.1.2 and RFC 2131 §4.1: deliver on the interface giaddr names. */
    private void fromServer(UdpDatagram d, DhcpMessage m) {
        if (served.containsKey(d.arrivedOn())) { drops.count(RelayDrop.REPLY_FROM_CLIENT_SIDE); return; }
        NetInterface out = null;
        for (NetInterface i : served.keySet()) if (m.giaddr().equals(i.address())) out = i;
        if (out == null) { drops.count(RelayDrop.UNKNOWN_GIADDR); return; }
        boolean nak = m.messageType() == DhcpMessageType.NAK;   // RFC 2131 §4.3.2: a relayed NAK is broadcast
        boolean broadcast = nak || (Bytes.u16(d.data(), FLAGS_AT) & DhcpMessage.FLAG_BROADCAST) != 0 || m.clientMac() == null;
        boolean ok;
        if (broadcast) {
            ok = socket.sendVia(out, out.address(), Ipv4Address.BROADCAST, DhcpMessage.CLIENT_PORT, MacAddress.BROADCAST, d.data());
        } else if (!m.ciaddr().isAny()) {
            ok = socket.sendTo(m.ciaddr(), DhcpMessage.CLIENT_PORT, d.data());
        } else {
            ok = socket.sendVia(out, out.address(), m.yiaddr(), DhcpMessage.CLIENT_PORT, m.clientMac(), d.data());
        }
        if (ok) events.count(RouterEvent.RELAY_TO_CLIENT);
        else drops.count(RelayDrop.SEND_FAILED);
    }
}
