package io.wirelab.wire.udp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.Malformed;

/**
 * Read-only window onto a UDP datagram (RFC 768). wrap() with the IPv4 payload; bytes past the UDP
 * length field are ignored. Once validate() returns NONE no accessor throws.
 */
public final class UdpView {
    private byte[] b;
    private int at;
    private int end;

    public UdpView wrap(byte[] bytes, int offset, int length) {
        b = bytes; at = offset; end = offset + length;
        return this;
    }

    public Malformed validate() {
        if (b == null || at < 0 || end > b.length || end - at < UdpHeader.LENGTH) return Malformed.TRUNCATED;
        // RFC 768: Length counts header and data, so it is at least 8 and fits in the IP payload.
        if (length() < UdpHeader.LENGTH || length() > end - at) return Malformed.BAD_LENGTH;
        return Malformed.NONE;
    }

    public int sourcePort()      { return Bytes.u16(b, at); }
    public int destinationPort() { return Bytes.u16(b, at + 2); }
    public int length()          { return Bytes.u16(b, at + 4); }
    public int checksum()        { return Bytes.u16(b, at + 6); }
    public int payloadOffset()   { return at + UdpHeader.LENGTH; }
    public int payloadLength()   { return length() - UdpHeader.LENGTH; }
    public byte[] bytes()        { return b; }

    /** RFC 768: checksum 0 means "not computed"; otherwise pseudo-header + datagram must fold to 0. */
    public boolean checksumValid(int sourceBits, int destinationBits) {
        if (checksum() == 0) return true;
        long sum = Checksum.pseudoHeader(sourceBits, destinationBits, 17, length());
        return Checksum.finish(Checksum.add(sum, b, at, length())) == 0;
    }
}
