package io.wirelab.buffer;

/**
 * The bytes of one Ethernet frame on a link (destination MAC through payload, no preamble and no
 * FCS, as pcap records them). Immutable once built: never write into bytes() after construction.
 * fcsError marks a frame a link corrupted: its FCS (IEEE 802.3 §3.2.9) would not match, so the
 * next receiver drops it. checksumsTrusted marks a frame a host's own TCP built: its IPv4 and TCP
 * checksums were computed into the bytes and nothing has written into them since, so a receiving
 * stack need not verify them again (Linux CHECKSUM_UNNECESSARY, as veth and loopback pass skbs on).
 * Frames from anywhere else (a bridge, a test, a router's rewrite, a corrupting link) are verified.
 *
 * <p>A frame built in an array from a FramePool goes back to it when its one receiver, a host stack
 * that copied what it keeps, calls recycle(); the Frame must not be used after that. Whatever lets a
 * second party see the frame (a port's taps, a flood, a link sending it twice) calls share() first,
 * and a shared frame is never recycled: its bytes stay as they are for as long as anyone holds it.
 * Equal by identity of the bytes and by the flags, as the record it was.
 */
public final class Frame {
    private final byte[] bytes;
    private final boolean fcsError;
    private final boolean checksumsTrusted;
    private FramePool pool;                                    // null: not pooled, or shared, or recycled

    public Frame(byte[] bytes, boolean fcsError, boolean checksumsTrusted) { this(bytes, fcsError, checksumsTrusted, null); }

    /** A frame whose bytes came from pool.take() and go back to it on recycle(). */
    public Frame(byte[] bytes, boolean fcsError, boolean checksumsTrusted, FramePool pool) {
        if (fcsError && checksumsTrusted) throw new IllegalArgumentException("a corrupted frame's checksums cannot be trusted");
        this.bytes = bytes;
        this.fcsError = fcsError;
        this.checksumsTrusted = checksumsTrusted;
        this.pool = pool;
    }

    public Frame(byte[] bytes) { this(bytes, false, false); }

    public Frame(byte[] bytes, boolean fcsError) { this(bytes, fcsError, false); }

    public byte[] bytes() { return bytes; }
    public boolean fcsError() { return fcsError; }
    public boolean checksumsTrusted() { return checksumsTrusted; }
    public int length() { return bytes.length; }

    /** Someone besides the frame's one receiver may hold it: its bytes are never recycled. */
    public void share() { pool = null; }

    /** Whether recycle() would hand the bytes back: pooled, and nothing shared it. */
    public boolean recyclable() { return pool != null; }

    /** The receiver is done and kept no reference to the bytes: they go back to their pool unless shared. */
    public void recycle() {
        FramePool p = pool;
        if (p == null) return;
        pool = null;
        p.give(bytes);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Frame f && f.bytes == bytes && f.fcsError == fcsError && f.checksumsTrusted == checksumsTrusted;
    }

    @Override public int hashCode() { return (System.identityHashCode(bytes) * 31 + Boolean.hashCode(fcsError)) * 31 + Boolean.hashCode(checksumsTrusted); }

    @Override public String toString() {
        return "Frame[bytes=" + bytes.length + " bytes, fcsError=" + fcsError + ", checksumsTrusted=" + checksumsTrusted + "]";
    }
}
