package io.wirelab.wire.dhcp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A BOOTP/DHCP message (RFC 2131 §2) with its options (RFC 2132). Parsing folds options carried in
 * sname/file by option 52 into {@link #options()} and clears those fields; emitting never overloads.
 */
public record DhcpMessage(int op, int htype, int hlen, int hops, int xid, int secs, int flags,
                          Ipv4Address ciaddr, Ipv4Address yiaddr, Ipv4Address siaddr, Ipv4Address giaddr,
                          byte[] chaddr, byte[] sname, byte[] file, DhcpOptions options) {
    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    public static final int FLAG_BROADCAST = 0x8000;      // RFC 2131 §2, figure 2
    public static final int FIXED_LENGTH = 236;           // op .. file
    public static final int MAGIC_COOKIE = 0x63825363;    // 99.130.83.99, RFC 2131 §3
    public static final int MIN_LENGTH = 300;             // RFC 1542 §2.1: BOOTP messages are at least 300 octets
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;

    private static final int SNAME_AT = 44, FILE_AT = 108, COOKIE_AT = 236, OPTIONS_AT = 240;

    public DhcpMessage {
        if (op < 0 || op > 255 || htype < 0 || htype > 255 || hlen < 0 || hlen > 255 || hops < 0 || hops > 255)
            throw new IllegalArgumentException("op/htype/hlen/hops must be octets");
        if (secs < 0 || secs > 0xffff || flags < 0 || flags > 0xffff) throw new IllegalArgumentException("secs/flags must be 16-bit");
        if (chaddr.length != 16 || sname.length != 64 || file.length != 128)
            throw new IllegalArgumentException("chaddr/sname/file must be 16/64/128 bytes");
        chaddr = chaddr.clone();
        sname = sname.clone();
        file = file.clone();
    }

    /** A client message for an Ethernet MAC with empty sname/file and zero yiaddr/siaddr/giaddr. */
    public static DhcpMessage request(int xid, MacAddress mac, int secs, int flags, Ipv4Address ciaddr, DhcpOptions options) {
        return new DhcpMessage(BOOTREQUEST, HTYPE_ETHERNET, 6, 0, xid, secs, flags, ciaddr, Ipv4Address.ANY,
                Ipv4Address.ANY, Ipv4Address.ANY, chaddrOf(mac), new byte[64], new byte[128], options);
    }

    /** A server reply echoing xid, flags, giaddr and chaddr of the request (RFC 2131 §4.3.1, table 3). */
    public static DhcpMessage reply(DhcpMessage req, Ipv4Address ciaddr, Ipv4Address yiaddr, Ipv4Address siaddr, DhcpOptions options) {
        return new DhcpMessage(BOOTREPLY, req.htype, req.hlen, 0, req.xid, 0, req.flags, ciaddr, yiaddr, siaddr,
                req.giaddr, req.chaddr, new byte[64], new byte[128], options);
    }

    public static byte[] chaddrOf(MacAddress mac) {
        byte[] c = new byte[16];
        mac.write(c, 0);
        return c;
    }

    @Override public byte[] chaddr() { return chaddr.clone(); }
    @Override public byte[] sname() { return sname.clone(); }
    @Override public byte[] file() { return file.clone(); }

    /** The client's MAC when htype/hlen say Ethernet, else null. */
    public MacAddress clientMac() {
        return htype == HTYPE_ETHERNET && hlen == 6 ? MacAddress.read(chaddr, 0) : null;
    }

    public boolean broadcastFlag() { return (flags & FLAG_BROADCAST) != 0; }

    public DhcpMessageType messageType() { return options.messageType(); }

    public int length() { return Math.max(MIN_LENGTH, OPTIONS_AT + options.emittedLength()); }

    public byte[] encode() {
        byte[] out = new byte[length()];
        emit(out, 0);
        return out;
    }

    /** Writes exactly length() bytes: header, cookie, options, End, then zero padding to 300. */
    public void emit(byte[] out, int at) {
        int len = length();
        Arrays.fill(out, at, at + len, (byte) 0);
        Bytes.put8(out, at, op);
        Bytes.put8(out, at + 1, htype);
        Bytes.put8(out, at + 2, hlen);
        Bytes.put8(out, at + 3, hops);
        Bytes.putI32(out, at + 4, xid);
        Bytes.put16(out, at + 8, secs);
        Bytes.put16(out, at + 10, flags);
        ciaddr.write(out, at + 12);
        yiaddr.write(out, at + 16);
        siaddr.write(out, at + 20);
        giaddr.write(out, at + 24);
        System.arraycopy(chaddr, 0, out, at + 28, 16);
        System.arraycopy(sname, 0, out, at + SNAME_AT, 64);
        System.arraycopy(file, 0, out, at + FILE_AT, 128);
        Bytes.putI32(out, at + COOKIE_AT, MAGIC_COOKIE);
        int p = at + OPTIONS_AT;
        for (DhcpOption o : options.list()) {
            Bytes.put8(out, p, o.code());
            Bytes.put8(out, p + 1, o.length());
            o.copyValue(out, p + 2);
            p += 2 + o.length();
        }
        Bytes.put8(out, p, DhcpOptionCode.END);
    }

    /** Result of {@link #parse}: a message, or null and the reason. */
    public record Parsed(DhcpMessage message, DhcpMalformed reason) {
        public boolean ok() { return reason == DhcpMalformed.NONE; }
    }

    /** Parses without throwing on any input. */
    public static Parsed parse(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length || len < FIXED_LENGTH) return fail(DhcpMalformed.TRUNCATED);
        int op = Bytes.u8(b, off);
        if (op != BOOTREQUEST && op != BOOTREPLY) return fail(DhcpMalformed.BAD_OP);
        int hlen = Bytes.u8(b, off + 2);
        if (hlen > 16) return fail(DhcpMalformed.BAD_HLEN);
        if (len < OPTIONS_AT || Bytes.i32(b, off + COOKIE_AT) != MAGIC_COOKIE) return fail(DhcpMalformed.NO_MAGIC_COOKIE);
        List<DhcpOption> list = new ArrayList<>();
        int overload = scan(b, off + OPTIONS_AT, off + len, list, true);
        if (overload < 0) return fail(overload == -1 ? DhcpMalformed.OPTION_OVERRUN : DhcpMalformed.BAD_OVERLOAD);
        byte[] sname = Arrays.copyOfRange(b, off + SNAME_AT, off + SNAME_AT + 64);
        byte[] file = Arrays.copyOfRange(b, off + FILE_AT, off + FILE_AT + 128);
        // RFC 2131 §4.1: options field first, then file, then sname
        if ((overload & 1) != 0) {
            if (scan(b, off + FILE_AT, off + FILE_AT + 128, list, false) < 0) return fail(DhcpMalformed.OPTION_OVERRUN);
            file = new byte[128];
        }
        if ((overload & 2) != 0) {
            if (scan(b, off + SNAME_AT, off + SNAME_AT + 64, list, false) < 0) return fail(DhcpMalformed.OPTION_OVERRUN);
            sname = new byte[64];
        }
        DhcpMessage m = new DhcpMessage(op, Bytes.u8(b, off + 1), hlen, Bytes.u8(b, off + 3), Bytes.i32(b, off + 4),
                Bytes.u16(b, off + 8), Bytes.u16(b, off + 10), Ipv4Address.read(b, off + 12), Ipv4Address.read(b, off + 16),
                Ipv4Address.read(b, off + 20), Ipv4Address.read(b, off + 24), Arrays.copyOfRange(b, off + 28, off + 44),
                sname, file, new DhcpOptions(list));
        return new Parsed(m, DhcpMalformed.NONE);
    }

    public static Parsed parse(byte[] b) { return parse(b, 0, b.length); }

    /** Reads options from [p, end) into list. Returns the overload value (0..3), -1 on overrun, -2 on a bad option 52. */
    private static int scan(byte[] b, int p, int end, List<DhcpOption> list, boolean overloadAllowed) {
        int overload = 0;
        while (p < end) {
            int code = Bytes.u8(b, p);
            if (code == DhcpOptionCode.END) return overload;               // RFC 2132 §3.2
            if (code == DhcpOptionCode.PAD) { p++; continue; }             // RFC 2132 §3.1
            if (p + 1 >= end) return -1;
            int n = Bytes.u8(b, p + 1);
            if (p + 2 + n > end) return -1;
            if (code == DhcpOptionCode.OVERLOAD) {
                // RFC 2132 §9.3: only meaningful in the options field; one octet, 1..3
                if (overloadAllowed) {
                    if (n != 1 || b[p + 2] < 1 || b[p + 2] > 3) return -2;
                    overload = b[p + 2];
                }
            } else {
                list.add(new DhcpOption(code, Arrays.copyOfRange(b, p + 2, p + 2 + n)));
            }
            p += 2 + n;
        }
        return overload;   // a missing End is tolerated, as dnsmasq and ISC dhcpd do
    }

    private static Parsed fail(DhcpMalformed reason) { return new Parsed(null, reason); }

    @Override public boolean equals(Object o) {
        return o instanceof DhcpMessage m && Arrays.equals(encode(), m.encode());
    }

    @Override public int hashCode() { return Arrays.hashCode(encode()); }

    @Override public String toString() {
        DhcpMessageType t = messageType();
        return "DHCP " + (t == null ? "BOOTP" : t) + " xid 0x" + Integer.toHexString(xid)
                + (clientMac() != null ? " chaddr " + clientMac() : "") + " ciaddr " + ciaddr + " yiaddr " + yiaddr;
    }
}
