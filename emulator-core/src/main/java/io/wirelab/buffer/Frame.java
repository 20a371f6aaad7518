package io.wirelab.buffer;

/**
 * The bytes of one Ethernet frame on a link (destination MAC through payload, no preamble and no
 * FCS, as pcap records them). Immutable once built: never write into bytes() after construction.
 * fcsError marks a frame a link corrupted: its FCS (IEEE 802.3 §3.2.9) would not match, so the
 * next receiver drops it. checksumsTrusted marks a frame a host's own TCP built: its IPv4 and TCP
 * checksums were computed into the bytes and nothing has written into them since, so a receiving
 * stack need not verify them again (Linux CHECKSUM_UNNECESSARY, as veth and loopback pass skbs on).
 * Frames from anywhere else (a bridge, a test, a router's rewrite, a corrupting link) are verified.
 */
public record Frame(byte[] bytes, boolean fcsError, boolean checksumsTrusted) {
    public Frame {
        if (fcsError && checksumsTrusted) throw new IllegalArgumentException("a corrupted frame's checksums cannot be trusted");
    }

    public Frame(byte[] bytes) { this(bytes, false, false); }

    public Frame(byte[] bytes, boolean fcsError) { this(bytes, fcsError, false); }

    public int length() { return bytes.length; }
}
