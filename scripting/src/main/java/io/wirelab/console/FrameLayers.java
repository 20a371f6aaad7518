package io.wirelab.console;

import io.wirelab.wire.Malformed;
import io.wirelab.wire.PacketPrinter;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpView;
import io.wirelab.wire.udp.UdpView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A frame layer by layer for {@code :inspect} (Ethernet, ARP or IPv4, ICMP/UDP/TCP, then HTTP, TLS, DHCP
 * or DNS), each field with its value, read through the wire package's views; and the one-word type of
 * the simulation's event list. The summary line is {@link PacketPrinter}'s, as {@code wirelab show} prints it.
 */
final class FrameLayers {
    /** The event list's types, as Packet Tracer names them. */
    enum Type { ARP, ICMP, DHCP, DNS, TCP, HTTP, TLS, UDP, OTHER }

    private FrameLayers() {}

    static Type type(byte[] f) {
        EthernetView eth = new EthernetView().wrap(f, 0, f.length);
        if (eth.validate() != Malformed.NONE) return Type.OTHER;
        if (eth.etherTypeValue() == 0x0806) return Type.ARP;
        if (eth.etherTypeValue() != 0x0800) return Type.OTHER;
        Ipv4View ip = new Ipv4View().wrap(f, eth.payloadOffset(), eth.payloadLength());
        if (ip.validate() != Malformed.NONE) return Type.OTHER;
        int end = ip.offset() + Math.min(ip.totalLength(), eth.payloadLength());
        return switch (ip.protocolValue()) {
            case 1 -> Type.ICMP;
            case 17 -> {
                if (ip.isFragment() || end - ip.payloadOffset() < 8) yield Type.UDP;
                int low = Math.min(io.wirelab.wire.Bytes.u16(f, ip.payloadOffset()), io.wirelab.wire.Bytes.u16(f, ip.payloadOffset() + 2));
                yield low == 67 || low == 68 ? Type.DHCP : low == 53 ? Type.DNS : Type.UDP;
            }
            case 6 -> {
                TcpView tcp = new TcpView().wrap(f, ip.payloadOffset(), end - ip.payloadOffset());
                if (ip.isFragment() || tcp.validate() != Malformed.NONE) yield Type.TCP;
                int low = Math.min(tcp.sourcePort(), tcp.destinationPort());
                if (tcp.payloadLength() == 0) yield Type.TCP;
                yield low == 53 ? Type.DNS : low == 443 || looksLikeTls(f, tcp.payloadOffset(), tcp.payloadLength()) ? Type.TLS
                        : low == 80 || low == 8080 || low == 3128 ? Type.HTTP : Type.TCP;
            }
            default -> Type.OTHER;
        };
    }

    /** Each layer: a title line, then one indented line per field. */
    static String inspect(byte[] f) {
        List<String> out = new ArrayList<>();
        EthernetView eth = new EthernetView().wrap(f, 0, f.length);
        if (eth.validate() != Malformed.NONE) {
            out.add("Ethernet: " + eth.validate() + " (" + f.length + " bytes)");
            return String.join("\n", out);
        }
        out.add("Ethernet II, " + f.length + " bytes");
        field(out, "destination", eth.destination() + (eth.isBroadcast() ? " (broadcast)" : ""));
        field(out, "source", eth.source().toString());
        field(out, "type", hex4(eth.etherTypeValue()) + " (" + (eth.etherTypeValue() == 0x0800 ? "IPv4" : eth.etherTypeValue() == 0x0806 ? "ARP" : "other") + ")");
        if (eth.etherTypeValue() == 0x0806) arp(out, f, eth);
        else if (eth.etherTypeValue() == 0x0800) ipv4(out, f, eth);
        out.add("Summary (as wirelab show)");
        field(out, "", PacketPrinter.print(f, 0, f.length));
        return String.join("\n", out);
    }

    private static void arp(List<String> out, byte[] f, EthernetView eth) {
        ArpView a = new ArpView().wrap(f, eth.payloadOffset(), eth.payloadLength());
        if (a.validate() != Malformed.NONE) {
            out.add("ARP: " + a.validate());
            return;
        }
        out.add("ARP");
        field(out, "operation", a.operation() + (a.operation() == 1 ? " (request)" : a.operation() == 2 ? " (reply)" : ""));
        field(out, "hardware", "type " + a.hardwareType() + ", length " + a.hardwareLength() + "; protocol " + hex4(a.protocolType()) + ", length " + a.protocolLength());
        field(out, "sender", a.senderMac() + " " + a.senderIp());
        field(out, "target", a.targetMac() + " " + a.targetIp());
    }

    private static void ipv4(List<String> out, byte[] f, EthernetView eth) {
        Ipv4View ip = new Ipv4View().wrap(f, eth.payloadOffset(), eth.payloadLength());
        if (ip.validate() != Malformed.NONE) {
            out.add("IPv4: " + ip.validate());
            return;
        }
        out.add("IPv4");
        field(out, "version", ip.version() + ", header length " + ip.headerLength() + " bytes, DSCP/ECN " + hex2(ip.dscpEcn()));
        field(out, "total length", Integer.toString(ip.totalLength()));
        field(out, "identification", hex4(ip.identification()) + " (" + ip.identification() + ")");
        field(out, "flags", (ip.dontFragment() ? "DF" : "-") + (ip.moreFragments() ? " MF" : "") + ", fragment offset " + ip.fragmentOffset() * 8);
        field(out, "ttl", Integer.toString(ip.ttl()));
        field(out, "protocol", ip.protocolValue() + " (" + ip.protocol() + ")");
        field(out, "checksum", hex4(ip.headerChecksum()) + (ip.checksumValid() ? " (correct)" : " (WRONG)"));
        field(out, "source", ip.source().toString());
        field(out, "destination", ip.destination().toString());
        int end = ip.offset() + Math.min(ip.totalLength(), eth.payloadLength());
        if (ip.isFragment() && ip.fragmentOffset() != 0) return;
        int l4 = ip.payloadOffset(), len = end - l4;
        switch (ip.protocolValue()) {
            case 1 -> icmp(out, f, l4, len);
            case 6 -> tcp(out, f, ip, l4, len);
            case 17 -> udp(out, f, ip, l4, len);
            default -> { }
        }
    }

    private static void icmp(List<String> out, byte[] f, int at, int len) {
        if (len < 8) {
            out.add("ICMP: truncated");
            return;
        }
        int type = f[at] & 0xff, code = f[at + 1] & 0xff;
        out.add("ICMP");
        field(out, "type", type + switch (type) {
            case 0 -> " (echo reply)";
            case 3 -> " (destination unreachable)";
            case 8 -> " (echo request)";
            case 11 -> " (time exceeded)";
            default -> "";
        });
        field(out, "code", Integer.toString(code));
        field(out, "checksum", hex4(io.wirelab.wire.Bytes.u16(f, at + 2)));
        if (type == 0 || type == 8) {
            field(out, "identifier", hex4(io.wirelab.wire.Bytes.u16(f, at + 4)));
            field(out, "sequence", Integer.toString(io.wirelab.wire.Bytes.u16(f, at + 6)));
            field(out, "data", (len - 8) + " bytes");
        }
    }

    private static void udp(List<String> out, byte[] f, Ipv4View ip, int at, int len) {
        UdpView u = new UdpView().wrap(f, at, len);
        if (u.validate() != Malformed.NONE) {
            out.add("UDP: " + u.validate());
            return;
        }
        out.add("UDP");
        field(out, "ports", u.sourcePort() + " > " + u.destinationPort());
        field(out, "length", Integer.toString(u.length()));
        field(out, "checksum", hex4(u.checksum()) + (u.checksum() == 0 ? " (none)" : u.checksumValid(ip.sourceBits(), ip.destinationBits()) ? " (correct)" : " (WRONG)"));
        int low = Math.min(u.sourcePort(), u.destinationPort());
        if (low == 67 || low == 68) out.add("DHCP (see the summary line)");
        else if (low == 53) out.add("DNS (see the summary line)");
    }

    private static void tcp(List<String> out, byte[] f, Ipv4View ip, int at, int len) {
        TcpView t = new TcpView().wrap(f, at, len);
        if (t.validate() != Malformed.NONE) {
            out.add("TCP: " + t.validate());
            return;
        }
        out.add("TCP");
        field(out, "ports", t.sourcePort() + " > " + t.destinationPort());
        field(out, "sequence", Integer.toUnsignedString(t.sequenceNumber()));
        field(out, "acknowledgment", TcpFlags.has(t.flags(), TcpFlags.ACK) ? Integer.toUnsignedString(t.acknowledgmentNumber()) : "-");
        field(out, "header length", t.headerLength() + " bytes");
        field(out, "flags", hex2(t.flags()) + " (" + flags(t.flags()) + ")");
        field(out, "window", Integer.toString(t.window()));
        field(out, "checksum", hex4(t.checksum()) + (t.checksumValid(ip.source(), ip.destination()) ? " (correct)" : " (WRONG)"));
        field(out, "urgent pointer", Integer.toString(t.urgentPointer()));
        if (t.headerLength() > TcpView.MIN_LENGTH) field(out, "options", (t.headerLength() - TcpView.MIN_LENGTH) + " bytes (the summary line decodes them)");
        field(out, "payload", t.payloadLength() + " bytes");
        if (t.payloadLength() == 0) return;
        if (looksLikeTls(f, t.payloadOffset(), t.payloadLength())) tls(out, f, t.payloadOffset(), t.payloadLength());
        else if (looksLikeHttp(f, t.payloadOffset(), t.payloadLength())) http(out, f, t.payloadOffset(), t.payloadLength());
    }

    private static String flags(int f) {
        List<String> names = new ArrayList<>();
        String[] all = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
        for (int i = 0; i < all.length; i++) if ((f & (1 << i)) != 0) names.add(all[i]);
        return String.join(" ", names);
    }

    private static boolean looksLikeTls(byte[] f, int at, int len) {
        return len >= 5 && (f[at] & 0xff) >= 20 && (f[at] & 0xff) <= 23 && f[at + 1] == 3 && (f[at + 2] & 0xff) <= 4;
    }

    private static boolean looksLikeHttp(byte[] f, int at, int len) {
        String start = new String(f, at, Math.min(len, 8), StandardCharsets.ISO_8859_1);
        return start.startsWith("HTTP/") || start.matches("^(GET|HEAD|POST|PUT|DELETE|OPTIONS|CONNECT|PATCH|TRACE) .*");
    }

    /** Each TLS record header in the segment: content type, version, length (the contents are encrypted or handshake bytes). */
    private static void tls(List<String> out, byte[] f, int at, int len) {
        out.add("TLS");
        int end = at + len;
        while (at + 5 <= end) {
            int type = f[at] & 0xff, length = io.wirelab.wire.Bytes.u16(f, at + 3);
            String name = switch (type) {
                case 20 -> "change cipher spec";
                case 21 -> "alert";
                case 22 -> "handshake" + (at + 5 < end ? handshake(f[at + 5] & 0xff) : "");
                case 23 -> "application data";
                default -> "type " + type;
            };
            field(out, "record", name + ", version " + hex4(io.wirelab.wire.Bytes.u16(f, at + 1)) + ", length " + length
                    + (at + 5 + length > end ? " (continues in the next segment)" : ""));
            at += 5 + length;
        }
    }

    private static String handshake(int type) {
        return switch (type) {
            case 1 -> " (ClientHello)";
            case 2 -> " (ServerHello)";
            case 4 -> " (NewSessionTicket)";
            case 11 -> " (Certificate)";
            case 12 -> " (ServerKeyExchange)";
            case 14 -> " (ServerHelloDone)";
            case 16 -> " (ClientKeyExchange)";
            default -> "";
        };
    }

    /** The start line and the header fields of an HTTP message at the start of the segment. */
    private static void http(List<String> out, byte[] f, int at, int len) {
        String text = new String(f, at, len, StandardCharsets.ISO_8859_1);
        int head = text.indexOf("\r\n\r\n");
        String[] lines = (head < 0 ? text : text.substring(0, head)).split("\r\n");
        out.add("HTTP");
        field(out, lines[0].startsWith("HTTP/") ? "status line" : "request line", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) field(out, lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        if (head >= 0) field(out, "body", (len - head - 4) + " bytes in this segment");
        else field(out, "header", "continues in the next segment");
    }

    private static void field(List<String> out, String name, String value) {
        out.add(name.isEmpty() ? "  " + value : "  " + name + " ".repeat(Math.max(1, 16 - name.length())) + value);
    }

    private static String hex2(int v) { return String.format(Locale.ROOT, "0x%02x", v); }
    private static String hex4(int v) { return String.format(Locale.ROOT, "0x%04x", v); }
}
