package io.wirelab.wire.filter;

import java.nio.charset.StandardCharsets;

/** Hand-built Ethernet/IPv4/TCP and UDP frames for the display-filter tests (checksums zero: the decoder does not need them). */
final class FilterFrames {
    private FilterFrames() {}

    static final int PC1 = 0x0a000001, WEB = 0x0a000050;   // 10.0.0.1, 10.0.0.80
    static final int SYN = 0x02, ACK = 0x10, PSH = 0x08, FIN = 0x01;

    static byte[] tcp(int src, int sport, int dst, int dport, long seq, long ack, int flags, int window, byte[] payload) {
        byte[] seg = new byte[20 + payload.length];
        put16(seg, 0, sport);
        put16(seg, 2, dport);
        put32(seg, 4, seq);
        put32(seg, 8, ack);
        seg[12] = (byte) (5 << 4);
        seg[13] = (byte) flags;
        put16(seg, 14, window);
        System.arraycopy(payload, 0, seg, 20, payload.length);
        return ip(src, dst, 6, seg);
    }

    static byte[] tcp(int src, int sport, int dst, int dport, long seq, long ack, int flags, String payload) {
        return tcp(src, sport, dst, dport, seq, ack, flags, 64240, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] udp(int src, int sport, int dst, int dport, byte[] payload) {
        byte[] d = new byte[8 + payload.length];
        put16(d, 0, sport);
        put16(d, 2, dport);
        put16(d, 4, d.length);
        System.arraycopy(payload, 0, d, 8, payload.length);
        return ip(src, dst, 17, d);
    }

    static byte[] ip(int src, int dst, int proto, byte[] payload) {
        byte[] f = new byte[14 + 20 + payload.length];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (i == 0 ? 2 : dst >>> (8 * (i % 4)));
            f[6 + i] = (byte) (i == 0 ? 2 : src >>> (8 * (i % 4)));
        }
        put16(f, 12, 0x0800);
        f[14] = 0x45;
        put16(f, 16, 20 + payload.length);
        f[14 + 6] = 0x40;   // DF
        f[14 + 8] = 64;
        f[14 + 9] = (byte) proto;
        put32(f, 14 + 12, src & 0xffffffffL);
        put32(f, 14 + 16, dst & 0xffffffffL);
        System.arraycopy(payload, 0, f, 34, payload.length);
        return f;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
    }
}
