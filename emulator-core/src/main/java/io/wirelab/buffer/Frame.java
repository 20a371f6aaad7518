package io.wirelab.buffer;

/**
 * The bytes of one Ethernet frame on a link (destination MAC through payload, no preamble and no
 * FCS, as pcap records them). Immutable once built: never write into bytes() after construction.
 */
public record Frame(byte[] bytes) {
    public int length() { return bytes.length; }
}
