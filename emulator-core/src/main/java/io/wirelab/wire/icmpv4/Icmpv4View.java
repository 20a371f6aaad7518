package io.wirelab.wire.icmpv4;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.Malformed;

/**
 * Read-only window onto an ICMPv4 message (RFC 792): type, code, checksum, four bytes that depend
 * on the type, then data. Once validate() returns NONE no accessor throws.
 */
public final class Icmpv4View {
    public static final int HEADER_LENGTH = 8;
    private byte[] b;
    private int at;
    private int end;

    public Icmpv4View wrap(byte[] bytes, int offset, int length) {
        b = bytes; at = offset; end = offset + length;
        return this;
    }

    public Malformed validate() {
        if (b == null || at < 0 || end > b.length || end - at < HEADER_LENGTH) return Malformed.TRUNCATED;
        return Malformed.NONE;
    }

    public int type()            { return Bytes.u8(b, at); }
    public int code()            { return Bytes.u8(b, at + 1); }
    public int checksum()        { return Bytes.u16(b, at + 2); }
    /** Echo: identifier (RFC 792 "Echo or Echo Reply Message"). */
    public int identifier()      { return Bytes.u16(b, at + 4); }
    public int sequence()        { return Bytes.u16(b, at + 6); }
    /** Destination unreachable code 4: next-hop MTU, RFC 1191 §4. */
    public int nextHopMtu()      { return Bytes.u16(b, at + 6); }
    public int restOfHeader()    { return Bytes.i32(b, at + 4); }
    public int length()          { return end - at; }
    public int dataOffset()      { return at + HEADER_LENGTH; }
    public int dataLength()      { return end - at - HEADER_LENGTH; }
    public byte[] bytes()        { return b; }
    /** RFC 792: the checksum covers the whole ICMP message. */
    public boolean checksumValid() { return Checksum.fold(b, at, end - at) == 0; }
}
