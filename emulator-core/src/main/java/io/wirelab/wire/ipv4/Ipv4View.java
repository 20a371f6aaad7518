package io.wirelab.wire.ipv4;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.Malformed;

/**
 * Read-only window onto an IPv4 datagram (RFC 791 §3.1). Re-pointed with wrap(); copies nothing.
 * Bytes past totalLength (Ethernet padding) are ignored. Options are validated for structure and
 * skipped: the payload starts at IHL * 4.
 * Contract: once validate() returns NONE, no accessor can throw.
 */
public final class Ipv4View {
    private byte[] b;
    private int at;
    private int end;

    public Ipv4View wrap(byte[] bytes, int offset, int length) {
        b = bytes; at = offset; end = offset + length;
        return this;
    }

    public Malformed validate() {
        if (b == null || at < 0 || end > b.length) return Malformed.TRUNCATED;
        int available = end - at;
        if (available < Ipv4Header.MIN_LENGTH) return Malformed.TRUNCATED;
        if (version() != 4) return Malformed.BAD_VERSION;                                        // RFC 791 §3.1 Version
        int ihl = headerLength();
        if (ihl < Ipv4Header.MIN_LENGTH || ihl > available) return Malformed.BAD_HEADER_LENGTH;  // RFC 791 §3.1 IHL >= 5
        if (totalLength() < ihl || totalLength() > available) return Malformed.BAD_TOTAL_LENGTH; // RFC 1122 §3.2.1.1
        // RFC 791 §3.2: a datagram is at most 65535 octets, so offset*8 + data may not pass it.
        if (fragmentOffset() * 8 + payloadLength() > 0xffff) return Malformed.BAD_FRAGMENT_OFFSET;
        if (!optionsWellFormed()) return Malformed.BAD_OPTION;
        return Malformed.NONE;
    }

    /** RFC 791 §3.1 Options: type 0 (end of list) and 1 (no-op) are one octet; others carry a length >= 2. */
    private boolean optionsWellFormed() {
        int i = at + Ipv4Header.MIN_LENGTH;
        int optEnd = at + headerLength();
        while (i < optEnd) {
            int type = Bytes.u8(b, i);
            if (type == 0) return true;
            if (type == 1) { i++; continue; }
            if (i + 1 >= optEnd) return false;
            int len = Bytes.u8(b, i + 1);
            if (len < 2 || i + len > optEnd) return false;
            i += len;
        }
        return true;
    }

    public int version()             { return Bytes.u8(b, at) >>> 4; }
    public int headerLength()        { return (Bytes.u8(b, at) & 0x0f) * 4; }   // IHL counts 32-bit words
    public int dscpEcn()             { return Bytes.u8(b, at + 1); }
    public int totalLength()         { return Bytes.u16(b, at + 2); }
    public int identification()      { return Bytes.u16(b, at + 4); }
    public int flags()               { return Bytes.u8(b, at + 6) >>> 5; }
    public boolean dontFragment()    { return (Bytes.u8(b, at + 6) & 0x40) != 0; }
    public boolean moreFragments()   { return (Bytes.u8(b, at + 6) & 0x20) != 0; }
    /** In 8-octet units, RFC 791 §3.1 Fragment Offset. */
    public int fragmentOffset()      { return Bytes.u16(b, at + 6) & 0x1fff; }
    public boolean isFragment()      { return moreFragments() || fragmentOffset() != 0; }
    public int ttl()                 { return Bytes.u8(b, at + 8); }
    public int protocolValue()       { return Bytes.u8(b, at + 9); }
    public IpProtocol protocol()     { return IpProtocol.of(protocolValue()); }
    public int headerChecksum()      { return Bytes.u16(b, at + 10); }
    public int sourceBits()          { return Bytes.i32(b, at + 12); }
    public int destinationBits()     { return Bytes.i32(b, at + 16); }
    public Ipv4Address source()      { return new Ipv4Address(sourceBits()); }
    public Ipv4Address destination() { return new Ipv4Address(destinationBits()); }
    public int offset()              { return at; }
    public int payloadOffset()       { return at + headerLength(); }
    public int payloadLength()       { return totalLength() - headerLength(); }
    public byte[] bytes()            { return b; }
    /** RFC 791 §3.1 Header Checksum: the sum over the header, checksum field included, folds to zero. */
    public boolean checksumValid()   { return Checksum.fold(b, at, headerLength()) == 0; }
}
