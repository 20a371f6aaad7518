package io.wirelab.wire.udp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.ipv4.Ipv4Address;

/** UDP header (RFC 768). */
public record UdpHeader(int sourcePort, int destinationPort, int payloadLength) {
    public static final int LENGTH = 8;
    /** 65535 - 20 (IPv4 header) - 8. */
    public static final int MAX_PAYLOAD = 65507;

    public UdpHeader {
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff)
            throw new IllegalArgumentException("ports must be 16 bits: " + sourcePort + ", " + destinationPort);
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD) throw new IllegalArgumentException("payloadLength " + payloadLength);
    }

    public static UdpHeader from(UdpView v) {
        return new UdpHeader(v.sourcePort(), v.destinationPort(), v.payloadLength());
    }

    public int length() { return LENGTH; }

    /**
     * Writes the 8-byte header at offset; the payload must already sit at offset + 8. The checksum
     * covers the pseudo-header, header and payload.
     */
    public void emit(byte[] out, int offset, Ipv4Address source, Ipv4Address destination) {
        int udpLength = LENGTH + payloadLength;
        Bytes.put16(out, offset, sourcePort);
        Bytes.put16(out, offset + 2, destinationPort);
        Bytes.put16(out, offset + 4, udpLength);
        Bytes.put16(out, offset + 6, 0);
        long sum = Checksum.pseudoHeader(source.bits(), destination.bits(), 17, udpLength);   // RFC 768 pseudo-header
        int c = Checksum.finish(Checksum.add(sum, out, offset, udpLength));
        Bytes.put16(out, offset + 6, c == 0 ? 0xffff : c);   // RFC 768: a computed zero is sent as all ones
    }
}
