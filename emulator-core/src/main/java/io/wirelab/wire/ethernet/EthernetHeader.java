package io.wirelab.wire.ethernet;

import io.wirelab.wire.Bytes;

/** Ethernet II header: destination, source, EtherType (IEEE 802.3 §3.1.1). */
public record EthernetHeader(MacAddress destination, MacAddress source, EtherType etherType) {
    public static final int LENGTH = 14;
    /** IEEE 802.3 minimum frame without FCS; a NIC pads shorter frames with zeros. */
    public static final int MIN_FRAME = 60;

    public static EthernetHeader from(EthernetView v) {
        return new EthernetHeader(v.destination(), v.source(), v.etherType());
    }

    public int length() { return LENGTH; }

    /** Writes exactly LENGTH bytes at offset. */
    public void emit(byte[] out, int offset) {
        destination.write(out, offset);
        source.write(out, offset + 6);
        Bytes.put16(out, offset + 12, etherType.value());
    }
}
