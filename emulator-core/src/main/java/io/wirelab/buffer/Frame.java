package io.wirelab.buffer;

/**
 * The bytes of one Ethernet frame on a link (destination MAC through payload, no preamble and no
 * FCS, as pcap records them). Immutable once built: never write into bytes() after construction.
 * fcsError marks a frame a link corrupted: its FCS (IEEE 802.3 §3.2.9) would not match, so the
 * next receiver drops it.
 */
public record Frame(byte[] bytes, boolean fcsError) {
    public Frame(byte[] bytes) { this(bytes, false); }

    public int length() { return bytes.length; }
}
