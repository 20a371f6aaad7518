package io.wirelab.wire.ethernet;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;

/**
 * Read-only window onto an Ethernet II frame (no preamble, no FCS). Re-pointed with wrap().
 * Frames under 60 bytes are accepted: captures on veth carry them unpadded.
 * Contract: once validate() returns NONE, no accessor can throw.
 */
public final class EthernetView {
    private byte[] b;
    private int at;
    private int end;

    public EthernetView wrap(byte[] bytes, int offset, int length) {
        b = bytes; at = offset; end = offset + length;
        return this;
    }

    public Malformed validate() {
        if (b == null || at < 0 || end > b.length || end - at < EthernetHeader.LENGTH) return Malformed.TRUNCATED;
        // IEEE 802.3 §3.2.6: values below 0x0600 are a length (802.3/LLC framing), not an EtherType.
        if (etherTypeValue() < 0x0600) return Malformed.NOT_ETHERNET_II;
        return Malformed.NONE;
    }

    public MacAddress destination() { return MacAddress.read(b, at); }
    public MacAddress source()      { return MacAddress.read(b, at + 6); }
    public int etherTypeValue()     { return Bytes.u16(b, at + 12); }
    public EtherType etherType()    { return EtherType.of(etherTypeValue()); }
    public boolean isBroadcast()    { return destinationBits() == MacAddress.BROADCAST.bits(); }
    /** I/G bit of the destination, RFC 7042 §2.1 / IEEE 802. */
    public boolean isMulticast()    { return (b[at] & 1) != 0; }
    public long destinationBits()   { return ((long) Bytes.u16(b, at) << 32) | Bytes.u32(b, at + 2); }
    public long sourceBits()        { return ((long) Bytes.u16(b, at + 6) << 32) | Bytes.u32(b, at + 8); }
    public int payloadOffset()      { return at + EthernetHeader.LENGTH; }
    public int payloadLength()      { return end - at - EthernetHeader.LENGTH; }
    public byte[] bytes()           { return b; }
}
