package io.wirelab.report;

import io.wirelab.report.Packets.Packet;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.PacketPrinter;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts every packet in a conversation (a TCP stream, a UDP flow, one DHCP transaction, the ARP and
 * ICMP exchanges of two addresses) and gives it a Wireshark-like label; TCP streams get their
 * analysis from {@link TcpFlow}. Conversations are numbered in order of their first packet; TCP
 * streams also get Wireshark's tcp.stream index.
 */
final class Conversations {
    static final class Conversation {
        final int id;
        final String protocol;
        final String name;
        int tcpStream = -1;
        int packets;
        long firstAt, lastAt;
        int clientDevice = -1, serverDevice = -1;
        final List<long[]> timeWaits = new ArrayList<>();   // {device, from, to, the device's whole TIME-WAIT}
        TcpFlow flow;

        Conversation(int id, String protocol, String name) {
            this.id = id;
            this.protocol = protocol;
            this.name = name;
        }
    }

    final List<Conversation> list = new ArrayList<>();
    private final Map<String, Conversation> byKey = new HashMap<>();
    private int tcpStreams;

    static Conversations of(Packets packets, Topology topo, TlsKeys keys, long endAt) {
        Conversations cs = new Conversations();
        for (Packet p : packets.packets) cs.classify(p, topo, keys);
        for (Conversation c : cs.list) if (c.flow != null) c.flow.finish(c, endAt, topo::timeWaitNanos);
        return cs;
    }

    private void classify(Packet p, Topology topo, TlsKeys keys) {
        byte[] b = p.data();
        String line = PacketPrinter.print(b, 0, b.length);
        p.info = line;
        int sender = p.hops.isEmpty() ? -1 : p.hops.getFirst().device();
        if (b.length < 14) {
            into(p, "other", "Other", "other", sender);
            return;
        }
        int type = Bytes.u16(b, 12);
        if (type == 0x0806 && b.length >= 42) {
            Ipv4Address a = new Ipv4Address(Bytes.i32(b, 28)), t = new Ipv4Address(Bytes.i32(b, 38));
            String pair = ordered(a.toString(), t.toString());
            into(p, "arp:" + pair, "ARP", "ARP " + pair.replace(" ", " ↔ "), sender);
            p.label = after(line, " ARP ");
            p.info = "ARP " + p.label;
            return;
        }
        if (type != 0x0800 || b.length < 34 || (b[14] & 0xf0) != 0x40) {
            into(p, "other", "Other", "other", sender);
            p.label = line;
            return;
        }
        int ip = 14, ihl = (b[ip] & 0x0f) * 4, proto = b[ip + 9] & 0xff;
        Ipv4Address src = new Ipv4Address(Bytes.i32(b, ip + 12)), dst = new Ipv4Address(Bytes.i32(b, ip + 16));
        int l4 = ip + ihl;
        boolean firstFragment = (Bytes.u16(b, ip + 6) & 0x1fff) == 0;
        if (proto == 6 && firstFragment && b.length >= l4 + 20) {
            String a = src + ":" + Bytes.u16(b, l4), z = dst + ":" + Bytes.u16(b, l4 + 2);
            String key = "tcp:" + ordered(a, z);
            Conversation c = byKey.get(key);
            boolean syn = (b[l4 + 13] & 0x02) != 0, ack = (b[l4 + 13] & 0x10) != 0;
            if (c == null) {
                // the client is who sent the SYN; without one, who spoke first
                String client = syn && ack ? z : a, server = syn && ack ? a : z;
                c = into(p, key, "TCP", "TCP " + client + " → " + server, sender);
                c.tcpStream = tcpStreams++;
                c.flow = new TcpFlow(client, keys);
                c.flow.serverEnd = server;
            } else into(p, key, "TCP", c.name, sender);
            c.flow.add(p, b, l4, src + ":" + Bytes.u16(b, l4), topo);
            return;
        }
        if (proto == 17 && firstFragment && b.length >= l4 + 8) {
            int sp = Bytes.u16(b, l4), dp = Bytes.u16(b, l4 + 2);
            if ((sp == 67 || sp == 68) && (dp == 67 || dp == 68) && b.length >= l4 + 8 + 8) {
                String xid = String.format("0x%08x", Bytes.i32(b, l4 + 8 + 4));
                into(p, "dhcp:" + xid, "DHCP", "DHCP xid " + xid, sender);
                p.label = trimId(after(line, " DHCP "), " xid ");
                p.info = "DHCP " + after(line, " DHCP ");
                return;
            }
            String a = src + ":" + sp, z = dst + ":" + dp;
            boolean dns = sp == 53 || dp == 53;
            String proto7 = dns ? "DNS" : "UDP";
            Conversation c = byKey.get("udp:" + ordered(a, z));
            into(p, "udp:" + ordered(a, z), proto7, c != null ? c.name : proto7 + " " + a + " → " + z, sender);
            p.label = dns ? trimId(after(line, " DNS "), " id 0x") : "UDP len " + (Bytes.u16(b, l4 + 4) - 8);
            p.info = dns ? "DNS " + after(line, " DNS ") : line.substring(line.indexOf(src.toString()));
            return;
        }
        if (proto == 1) {
            String pair = ordered(src.toString(), dst.toString());
            into(p, "icmp:" + pair, "ICMP", "ICMP " + pair.replace(" ", " ↔ "), sender);
            p.label = after(line, " ICMP ");
            int comma = p.label.indexOf(", id");
            if (comma > 0) p.label = p.label.substring(0, comma);
            p.info = "ICMP " + after(line, " ICMP ");
            return;
        }
        into(p, "ip:" + ordered(src.toString(), dst.toString()), "IPv4", "IPv4 " + src + " ↔ " + dst, sender);
        p.label = "IP proto " + proto;
    }

    private Conversation into(Packet p, String key, String protocol, String name, int sender) {
        Conversation c = byKey.get(key);
        if (c == null) {
            c = new Conversation(list.size(), protocol, name);
            c.firstAt = p.at();
            c.clientDevice = sender;
            byKey.put(key, c);
            list.add(c);
        }
        if (c.serverDevice < 0 && sender != c.clientDevice && sender >= 0) c.serverDevice = sender;
        c.packets++;
        c.lastAt = Math.max(c.lastAt, p.hops.isEmpty() ? p.at() : p.hops.getLast().arrived());
        p.conversation = c.id;
        p.protocol = protocol;
        return c;
    }

    private static String ordered(String a, String b) { return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a; }

    private static String after(String line, String marker) {
        int i = line.indexOf(marker);
        return i < 0 ? line : line.substring(i + marker.length());
    }

    private static String trimId(String s, String marker) {
        int i = s.lastIndexOf(marker);
        return i < 0 ? s : s.substring(0, i);
    }
}
