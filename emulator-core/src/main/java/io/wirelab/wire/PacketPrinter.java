package io.wirelab.wire;

import io.wirelab.buffer.Frame;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.arp.ArpOperation;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.icmpv4.Icmpv4View;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.udp.UdpView;

/**
 * One tcpdump-like line per Ethernet frame, used by logs, the UI and golden files:
 * {@code 02:00:00:00:01:00 > ff:ff:ff:ff:ff:ff ARP who-has 10.0.0.2 tell 10.0.0.1}.
 * Never throws: malformed parts print as {@code [malformed ipv4: BAD_HEADER_LENGTH]}.
 * Extension points: {@link #transport} dispatches on the IP protocol (TCP decoding goes there) and
 * {@link #udpPayload} on UDP ports: DHCP (67/68) and DNS (53) print one-line summaries.
 */
public final class PacketPrinter {
    private PacketPrinter() {}

    /** "0.000012304 pc1:eth0 " + print(frame). */
    public static String line(long nowNanos, String portName, Frame frame) {
        return SimTime.format(nowNanos) + " " + portName + " " + print(frame);
    }

    public static String print(Frame frame) { return print(frame.bytes(), 0, frame.length()); }

    public static String print(byte[] b, int offset, int length) {
        StringBuilder sb = new StringBuilder(96);
        EthernetView eth = new EthernetView().wrap(b, offset, length);
        Malformed m = eth.validate();
        if (m != Malformed.NONE) return malformed(sb, "ethernet", m).toString().trim();
        sb.append(eth.source()).append(" > ").append(eth.destination()).append(' ').append(eth.etherType());
        int po = eth.payloadOffset(), pl = eth.payloadLength();
        EtherType type = eth.etherType();
        if (type.equals(EtherType.ARP)) arp(sb, b, po, pl);
        else if (type.equals(EtherType.IPV4)) ipv4(sb, b, po, pl);
        else sb.append(", length ").append(pl);
        return sb.toString();
    }

    private static void arp(StringBuilder sb, byte[] b, int off, int len) {
        ArpView v = new ArpView().wrap(b, off, len);
        Malformed m = v.validate();
        if (m != Malformed.NONE) { malformed(sb, "arp", m); return; }
        ArpOperation op = ArpOperation.of(v.operation());
        if (op.equals(ArpOperation.REQUEST)) {
            if (v.senderIp().isAny()) sb.append(" probe who-has ").append(v.targetIp());                    // RFC 5227 §2.1.1
            else if (v.senderIp().equals(v.targetIp())) sb.append(" announce ").append(v.senderIp());       // RFC 5227 §2.3
            else sb.append(" who-has ").append(v.targetIp()).append(" tell ").append(v.senderIp());
        } else if (op.equals(ArpOperation.REPLY)) {
            sb.append(" reply ").append(v.senderIp()).append(" is-at ").append(v.senderMac());
        } else {
            sb.append(' ').append(op).append(' ').append(v.senderIp()).append(" > ").append(v.targetIp());
        }
    }

    private static void ipv4(StringBuilder sb, byte[] b, int off, int len) {
        Ipv4View ip = new Ipv4View().wrap(b, off, len);
        Malformed m = ip.validate();
        if (m != Malformed.NONE) { malformed(sb, "ipv4", m); return; }
        Ipv4Address src = ip.source(), dst = ip.destination();
        if (ip.fragmentOffset() != 0) {   // only the first fragment carries the transport header
            sb.append(' ').append(src).append(" > ").append(dst).append(" proto ").append(ip.protocol());
            fragment(sb, ip);
            return;
        }
        transport(sb, ip, src, dst, b, ip.payloadOffset(), ip.payloadLength());
        if (ip.moreFragments()) fragment(sb, ip);
        if (!ip.checksumValid()) sb.append(" [bad ip checksum]");
    }

    private static void fragment(StringBuilder sb, Ipv4View ip) {
        sb.append(" (frag ").append(ip.identification()).append(':').append(ip.payloadLength())
          .append('@').append(ip.fragmentOffset() * 8).append(ip.moreFragments() ? "+)" : ")");
    }

    /** Extension point: one case per IP protocol. */
    private static void transport(StringBuilder sb, Ipv4View ip, Ipv4Address src, Ipv4Address dst, byte[] b, int off, int len) {
        IpProtocol p = ip.protocol();
        if (p.equals(IpProtocol.ICMP)) icmp(sb, ip, src, dst, b, off, len);
        else if (p.equals(IpProtocol.UDP)) udp(sb, ip, src, dst, b, off, len);
        else if (p.equals(IpProtocol.TCP)) tcp(sb, ip, src, dst, b, off, len);
        else sb.append(' ').append(src).append(" > ").append(dst).append(' ').append(p).append(", length ").append(len);
    }

    private static void icmp(StringBuilder sb, Ipv4View ip, Ipv4Address src, Ipv4Address dst, byte[] b, int off, int len) {
        sb.append(' ').append(src).append(" > ").append(dst).append(" ICMP");
        Icmpv4View v = new Icmpv4View().wrap(b, off, len);
        Malformed m = v.validate();
        if (m != Malformed.NONE) { malformed(sb, "icmp", m); return; }
        switch (v.type()) {
            case Icmpv4Message.TYPE_ECHO_REQUEST, Icmpv4Message.TYPE_ECHO_REPLY ->
                    sb.append(v.type() == Icmpv4Message.TYPE_ECHO_REQUEST ? " echo request" : " echo reply")
                      .append(", id ").append(v.identifier()).append(", seq ").append(v.sequence());
            case Icmpv4Message.TYPE_DESTINATION_UNREACHABLE -> {
                sb.append(' ').append(switch (v.code()) {
                    case 0 -> "net unreachable";
                    case 1 -> "host unreachable";
                    case 2 -> "protocol unreachable";
                    case 3 -> "port unreachable";
                    case 4 -> "need to frag (mtu " + v.nextHopMtu() + ")";
                    default -> "unreachable code " + v.code();
                });
                quoted(sb, b, v.dataOffset(), v.dataLength());
            }
            case Icmpv4Message.TYPE_TIME_EXCEEDED -> {
                sb.append(v.code() == 0 ? " time exceeded in-transit" : " ip reassembly time exceeded");
                quoted(sb, b, v.dataOffset(), v.dataLength());
            }
            default -> sb.append(" type ").append(v.type()).append(" code ").append(v.code());
        }
        sb.append(", length ").append(len);
        if (!ip.isFragment() && !v.checksumValid()) sb.append(" [bad icmp checksum]");
    }

    /** The datagram quoted in an ICMP error, e.g. "(udp 10.0.0.1.5000 > 10.0.0.2.9)". */
    private static void quoted(StringBuilder sb, byte[] b, int off, int len) {
        Ipv4View q = new Ipv4View().wrap(b, off, len);
        if (len < 20 || q.version() != 4 || q.headerLength() < 20 || q.headerLength() + 4 > len) return;
        int t = q.payloadOffset();
        sb.append(" (").append(q.protocol().toString().toLowerCase()).append(' ').append(q.source());
        if (q.protocol().hasPorts()) sb.append('.').append(Bytes.u16(b, t));
        sb.append(" > ").append(q.destination());
        if (q.protocol().hasPorts()) sb.append('.').append(Bytes.u16(b, t + 2));
        sb.append(')');
    }

    private static void udp(StringBuilder sb, Ipv4View ip, Ipv4Address src, Ipv4Address dst, byte[] b, int off, int len) {
        UdpView u = new UdpView().wrap(b, off, len);
        Malformed m = u.validate();
        if (m != Malformed.NONE || ip.moreFragments()) {
            sb.append(' ').append(src).append(" > ").append(dst).append(" UDP");
            if (m != Malformed.NONE) malformed(sb, "udp", m);
            return;
        }
        sb.append(' ').append(src).append('.').append(u.sourcePort()).append(" > ")
          .append(dst).append('.').append(u.destinationPort());
        udpPayload(sb, u.sourcePort(), u.destinationPort(), b, u.payloadOffset(), u.payloadLength());
        if (!u.checksumValid(ip.sourceBits(), ip.destinationBits())) sb.append(" [bad udp checksum]");
    }

    /** tcpdump style: "10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 65535, options [mss 1460], length 0". */
    private static void tcp(StringBuilder sb, Ipv4View ip, Ipv4Address src, Ipv4Address dst, byte[] b, int off, int len) {
        io.wirelab.wire.tcp.TcpView t = new io.wirelab.wire.tcp.TcpView().wrap(b, off, len);
        Malformed m = t.validate();
        if (m != Malformed.NONE || ip.moreFragments()) {
            sb.append(' ').append(src).append(" > ").append(dst).append(" TCP");
            if (m != Malformed.NONE) malformed(sb, "tcp", m);
            return;
        }
        sb.append(' ').append(src).append('.').append(t.sourcePort()).append(" > ")
          .append(dst).append('.').append(t.destinationPort()).append(": ")
          .append(io.wirelab.wire.tcp.TcpHeader.from(t).describe(t.payloadLength()));
        if (!t.checksumValid(src, dst)) sb.append(" [bad tcp checksum]");
    }

    /** Extension point: application protocols over UDP, chosen by port. */
    private static void udpPayload(StringBuilder sb, int srcPort, int dstPort, byte[] b, int off, int len) {
        if (isDhcp(srcPort, dstPort)) dhcp(sb, b, off, len);
        else if (srcPort == 53 || dstPort == 53) dns(sb, b, off, len);
        else sb.append(" UDP, length ").append(len);
    }

    /** BOOTP runs between ports 67 and 68 (RFC 2131 §4.1); relays use 67 on both sides. */
    private static boolean isDhcp(int srcPort, int dstPort) {
        return (srcPort == 67 || srcPort == 68) && (dstPort == 67 || dstPort == 68);
    }

    /** "DHCP DISCOVER xid 0x3903f326", "DHCP ACK 10.0.0.100 xid 0x3903f326". */
    private static void dhcp(StringBuilder sb, byte[] b, int off, int len) {
        io.wirelab.wire.dhcp.DhcpMessage.Parsed p = io.wirelab.wire.dhcp.DhcpMessage.parse(b, off, len);
        if (!p.ok()) {
            sb.append(" DHCP [malformed dhcp: ").append(p.reason()).append(']');
            return;
        }
        io.wirelab.wire.dhcp.DhcpMessage m = p.message();
        io.wirelab.wire.dhcp.DhcpMessageType t = m.messageType();
        sb.append(" DHCP ").append(t == null ? (m.op() == 1 ? "BOOTREQUEST" : "BOOTREPLY") : t.name());
        Ipv4Address shown = null;
        if (t != null) {
            shown = switch (t) {
                case OFFER, ACK -> m.yiaddr().isAny() ? m.ciaddr() : m.yiaddr();   // an ACK to INFORM has yiaddr 0 (RFC 2131 §4.3.5)
                case REQUEST, DECLINE -> m.options().requestedAddress() != null ? m.options().requestedAddress() : m.ciaddr();
                case RELEASE, INFORM -> m.ciaddr();
                default -> null;
            };
        }
        if (shown != null && !shown.isAny()) sb.append(' ').append(shown);
        sb.append(" xid 0x").append(java.util.HexFormat.of().toHexDigits(m.xid()));
    }

    /** "DNS A? www.lab.test" for a query, "DNS A www.lab.test 10.0.0.80" for its answer. */
    private static void dns(StringBuilder sb, byte[] b, int off, int len) {
        io.wirelab.wire.dns.DnsMessage.Parsed p = io.wirelab.wire.dns.DnsMessage.parse(b, off, len);
        if (!p.ok()) {
            sb.append(" DNS [malformed dns: ").append(p.reason()).append(']');
            return;
        }
        io.wirelab.wire.dns.DnsMessage m = p.message();
        io.wirelab.wire.dns.DnsHeader h = m.header();
        sb.append(" DNS");
        io.wirelab.wire.dns.DnsQuestion q = m.questions().isEmpty() ? null : m.questions().getFirst();
        if (!h.qr()) {
            if (q != null) sb.append(' ').append(q.type()).append("? ").append(q.name());
            else sb.append(" query");
        } else {
            if (q != null) sb.append(' ').append(q.type()).append(' ').append(q.name());
            if (h.rcode() != io.wirelab.wire.dns.DnsRcode.NOERROR) sb.append(' ').append(io.wirelab.wire.dns.DnsRcode.name(h.rcode()));
            else if (m.answers().isEmpty() && !h.tc()) sb.append(" no answer");
            String sep = " ";
            for (io.wirelab.wire.dns.DnsRecord r : m.answers()) {
                sb.append(sep);
                // records of the type asked show their data alone; a CNAME on the way is labelled
                if (q == null || !r.type().equals(q.type())) sb.append(r.type()).append(' ');
                sb.append(r.data());
                sep = ", ";
            }
            if (h.tc()) sb.append(" [truncated]");
        }
        sb.append(" id 0x").append(java.util.HexFormat.of().toHexDigits((short) h.id()));
    }

    private static StringBuilder malformed(StringBuilder sb, String what, Malformed m) {
        return sb.append(" [malformed ").append(what).append(": ").append(m).append(']');
    }
}
