package io.wirelab.fuzz;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;

/**
 * Makes a mutated Ethernet frame's checksums right again where its structure allows (IPv4 header,
 * then ICMP, UDP or TCP of an unfragmented datagram), as an attacker would, so fuzzed frames get past
 * checksum verification into the protocol code behind it. Leaves anything it cannot parse alone.
 */
public final class Checksums {
    private Checksums() {}

    public static void fix(byte[] f) {
        if (f.length < 34 || Bytes.u16(f, 12) != 0x0800 || (f[14] & 0xf0) != 0x40) return;
        int ihl = (f[14] & 0x0f) * 4;
        if (ihl < 20 || 14 + ihl > f.length) return;
        Bytes.put16(f, 24, 0);
        Bytes.put16(f, 24, Checksum.fold(f, 14, ihl));
        int total = Bytes.u16(f, 16);
        boolean fragment = (Bytes.u16(f, 20) & 0x3fff) != 0;
        int l4 = 14 + ihl, len = Math.min(total, f.length - 14) - ihl;
        if (fragment || len < 8) return;
        int proto = Bytes.u8(f, 23);
        int at = switch (proto) { case 1 -> 2; case 17 -> 6; case 6 -> 16; default -> -1; };
        if (at < 0 || at + 2 > len) return;
        Bytes.put16(f, l4 + at, 0);
        long sum = proto == 1 ? 0 : Checksum.pseudoHeader(Bytes.i32(f, 26), Bytes.i32(f, 30), proto, len);
        int c = Checksum.finish(Checksum.add(sum, f, l4, len));
        Bytes.put16(f, l4 + at, proto == 17 && c == 0 ? 0xffff : c);    // RFC 768: a computed 0 is sent as all ones
    }
}
