package io.wirelab.pcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer: one pcap/pcapng header block, or what follows a frame in its packet block. */
final class BlockBuffer {
    private byte[] b = new byte[256];
    private int size;

    void reset() { size = 0; }
    int size() { return size; }

    private void ensure(int more) {
        if (size + more > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, size + more));
    }

    void u8(int v) { ensure(1); b[size++] = (byte) v; }
    void u16(int v) { ensure(2); b[size++] = (byte) v; b[size++] = (byte) (v >>> 8); }
    void u32(long v) {
        ensure(4);
        b[size] = (byte) v; b[size + 1] = (byte) (v >>> 8); b[size + 2] = (byte) (v >>> 16); b[size + 3] = (byte) (v >>> 24);
        size += 4;
    }
    void u64(long v) { u32(v); u32(v >>> 32); }
    void bytes(byte[] src, int off, int len) { ensure(len); System.arraycopy(src, off, b, size, len); size += len; }
    /** Zero bytes up to the next 32-bit boundary (pcapng §3.1: every field is padded to 32 bits). */
    void pad32() { pad32(size); }

    /** The zero bytes that pad a field of fieldLength bytes to 32 bits. */
    void pad32(int fieldLength) {
        int n = -fieldLength & 3;
        ensure(n);
        for (int i = 0; i < n; i++) b[size++] = 0;
    }

    byte[] array() { return b; }

    static void le32(byte[] to, int at, int v) {
        to[at] = (byte) v; to[at + 1] = (byte) (v >>> 8); to[at + 2] = (byte) (v >>> 16); to[at + 3] = (byte) (v >>> 24);
    }

    void putU32At(int at, long v) { for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (8 * i)); }

    /** pcapng option: code, length, value, padding. Null values are skipped. */
    void option(int code, byte[] value) {
        if (value == null) return;
        if (value.length > 0xffff) throw new IllegalArgumentException("option value longer than 65535 bytes");
        u16(code);
        u16(value.length);
        bytes(value, 0, value.length);
        pad32(value.length);
    }

    void option(int code, String utf8) {
        if (utf8 != null) option(code, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands the block to out as one complete block. */
    void writeTo(CaptureStream out) throws IOException {
        out.claim(size).put(b, 0, size);
        out.blockDone();
    }
}
