package io.wirelab.wire;

/** Big-endian (network order) reads and writes on byte arrays. No bounds checks beyond the JVM's. */
public final class Bytes {
    private Bytes() {}

    public static int u8(byte[] b, int at) { return b[at] & 0xff; }
    public static int u16(byte[] b, int at) { return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff); }
    public static int i32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
    public static long u32(byte[] b, int at) { return i32(b, at) & 0xffffffffL; }

    public static void put8(byte[] b, int at, int v) { b[at] = (byte) v; }
    public static void put16(byte[] b, int at, int v) { b[at] = (byte) (v >>> 8); b[at + 1] = (byte) v; }
    public static void putI32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24); b[at + 1] = (byte) (v >>> 16); b[at + 2] = (byte) (v >>> 8); b[at + 3] = (byte) v;
    }

    /** Little-endian writes, for pcap/pcapng block headers. */
    public static void putLe16(byte[] b, int at, int v) { b[at] = (byte) v; b[at + 1] = (byte) (v >>> 8); }
    public static void putLe32(byte[] b, int at, int v) {
        b[at] = (byte) v; b[at + 1] = (byte) (v >>> 8); b[at + 2] = (byte) (v >>> 16); b[at + 3] = (byte) (v >>> 24);
    }
    public static int le16(byte[] b, int at) { return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8); }
    public static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16) | ((b[at + 3] & 0xff) << 24);
    }
}
