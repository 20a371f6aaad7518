package io.wirelab.wire.ipv4;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;

/**
 * The IPv4 header as this stack emits it (RFC 791 §3.1). Received options are skipped by
 * from(view); emit() never writes options, so length() is always 20.
 */
public record Ipv4Header(int dscpEcn, int identification, boolean dontFragment, boolean moreFragments,
                         int fragmentOffset, int ttl, IpProtocol protocol,
                         Ipv4Address source, Ipv4Address destination, int payloadLength) {
    public static final int MIN_LENGTH = 20;
    /** RFC 791 §3.1: total length is 16 bits. */
    public static final int MAX_DATAGRAM = 0xffff;

    public Ipv4Header {
        if (dscpEcn < 0 || dscpEcn > 255) throw new IllegalArgumentException("dscp/ecn " + dscpEcn);
        if (identification < 0 || identification > 0xffff) throw new IllegalArgumentException("identification " + identification);
        if (fragmentOffset < 0 || fragmentOffset > 0x1fff) throw new IllegalArgumentException("fragment offset " + fragmentOffset);
        if (ttl < 0 || ttl > 255) throw new IllegalArgumentException("ttl " + ttl);
        java.util.Objects.requireNonNull(protocol, "protocol");
        if (payloadLength < 0 || payloadLength > MAX_DATAGRAM - MIN_LENGTH)
            throw new IllegalArgumentException("payloadLength " + payloadLength);
    }

    /** An unfragmented datagram header. */
    public Ipv4Header(Ipv4Address source, Ipv4Address destination, IpProtocol protocol,
                      int ttl, int identification, boolean dontFragment, int payloadLength) {
        this(0, identification, dontFragment, false, 0, ttl, protocol, source, destination, payloadLength);
    }

    public static Ipv4Header from(Ipv4View v) {
        return new Ipv4Header(v.dscpEcn(), v.identification(), v.dontFragment(), v.moreFragments(), v.fragmentOffset(),
                v.ttl(), v.protocol(), v.source(), v.destination(), v.payloadLength());
    }

    public int length() { return MIN_LENGTH; }
    public int totalLength() { return MIN_LENGTH + payloadLength; }

    /** Writes exactly length() bytes at offset, header checksum included. Allocates nothing. */
    public void emit(byte[] out, int offset) {
        write(out, offset, dscpEcn, identification, dontFragment, moreFragments, fragmentOffset, ttl, protocol,
                source.bits(), destination.bits(), payloadLength);
    }

    /**
     * The header of these fields at offset, as emit() writes it, without a header object (a stack sends one
     * per segment); the caller keeps each field in range, as the constructor checks.
     */
    public static void write(byte[] out, int offset, int dscpEcn, int identification, boolean dontFragment,
                                        boolean moreFragments, int fragmentOffset, int ttl, IpProtocol protocol,
                                        int source, int destination, int payloadLength) {
        Bytes.put8(out, offset, 0x45);                                   // version 4, IHL 5
        Bytes.put8(out, offset + 1, dscpEcn);
        Bytes.put16(out, offset + 2, MIN_LENGTH + payloadLength);
        Bytes.put16(out, offset + 4, identification);
        Bytes.put16(out, offset + 6, (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | fragmentOffset);
        Bytes.put8(out, offset + 8, ttl);
        Bytes.put8(out, offset + 9, protocol.value());
        Bytes.put16(out, offset + 10, 0);
        Bytes.putI32(out, offset + 12, source);
        Bytes.putI32(out, offset + 16, destination);
        Bytes.put16(out, offset + 10, Checksum.fold(out, offset, MIN_LENGTH));   // RFC 1071
    }
}
