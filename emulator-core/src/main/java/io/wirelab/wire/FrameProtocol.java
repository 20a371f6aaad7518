package io.wirelab.wire;

import io.wirelab.wire.ipv4.Ipv4Address;

/**
 * A short, never-failing description of what a frame carries, for error lines:
 * "udp 0.0.0.0:68 > 255.255.255.255:67 dhcp", "tcp 10.0.0.7:4000 > 10.0.0.2:80 http", "arp", "ethertype 0x88cc".
 */
public final class FrameProtocol {
    private FrameProtocol() {}

    /** What kind of frame, without addresses or ports: "udp dhcp", "tcp http", "icmp", "arp", "ethertype 0x88cc". */
    public static String kind(byte[] f) {
        String d = describe(f);
        if (!d.startsWith("udp ") && !d.startsWith("tcp ") && !d.startsWith("icmp ") && !d.startsWith("ip proto ")) return d;
        String[] words = d.split(" ");
        if (d.startsWith("ip proto ")) return "ip proto " + words[2];
        return words.length == 5 ? words[0] + " " + words[4] : words[0];
    }

    public static String describe(byte[] f) {
        if (f.length < 14) return "runt frame of " + f.length + " bytes";
        int type = Bytes.u16(f, 12);
        if (type == 0x0806) return "arp";
        if (type != 0x0800) return String.format("ethertype 0x%04x", type);
        if (f.length < 34 || (f[14] & 0xf0) != 0x40) return "ipv4 (malformed)";
        int ihl = (f[14] & 0x0f) * 4;
        int proto = Bytes.u8(f, 23);
        String src = Ipv4Address.read(f, 26).toString(), dst = Ipv4Address.read(f, 30).toString();
        boolean firstFragment = (Bytes.u16(f, 20) & 0x1fff) == 0;
        int l4 = 14 + ihl;
        String name = switch (proto) { case 1 -> "icmp"; case 6 -> "tcp"; case 17 -> "udp"; default -> "ip proto " + proto; };
        if ((proto != 6 && proto != 17) || !firstFragment || ihl < 20 || f.length < l4 + 4) return name + " " + src + " > " + dst;
        int sport = Bytes.u16(f, l4), dport = Bytes.u16(f, l4 + 2);
        String app = application(proto, Math.min(sport, dport), Math.max(sport, dport));
        return name + " " + src + ":" + sport + " > " + dst + ":" + dport + (app.isEmpty() ? "" : " " + app);
    }

    private static String application(int proto, int low, int high) {
        if (proto == 17 && low == 67 && (high == 67 || high == 68)) return "dhcp";
        return switch (low) {
            case 53 -> "dns";
            case 80, 8080 -> "http";
            case 443 -> "https";
            default -> "";
        };
    }
}
