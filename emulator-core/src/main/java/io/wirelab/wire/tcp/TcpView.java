package io.wirelab.wire.tcp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ipv4.Ipv4Address;

/**
 * Read-only window onto a TCP segment (RFC 9293 §3.1). Re-pointed with wrap(); copies nothing.
 * Contract: once validate() returns NONE, no accessor can throw, and every option is well formed.
 */
public final class TcpView {
    public static final int MIN_LENGTH = 20;

    private byte[] b;
    private int at;
    private int end;

    public TcpView wrap(byte[] bytes, int offset, int length) {
        b = bytes; at = offset; end = offset + length;
        return this;
    }

    public Malformed validate() {
        int available = end - at;
        if (available < MIN_LENGTH) return Malformed.TRUNCATED;
        int hl = headerLength();
        if (hl < MIN_LENGTH || hl > available) return Malformed.BAD_HEADER_LENGTH;   // RFC 9293 §3.1 Data Offset
        return validateOptions(at + MIN_LENGTH, at + hl);
    }

    private Malformed validateOptions(int p, int optEnd) {
        while (p < optEnd) {
            int kind = Bytes.u8(b, p);
            if (kind == 0) return Malformed.NONE;                 // End of Option List, RFC 9293 §3.2
            if (kind == 1) { p++; continue; }                     // NOP
            if (p + 1 >= optEnd) return Malformed.BAD_OPTION;
            int len = Bytes.u8(b, p + 1);
            if (len < 2 || p + len > optEnd) return Malformed.BAD_OPTION;
            boolean ok = switch (kind) {
                case 2 -> len == 4;                                // MSS, RFC 9293 §3.2
                case 3 -> len == 3;                                // Window Scale, RFC 7323 §2.2
                case 4 -> len == 2;                                // SACK-Permitted, RFC 2018 §2
                case 5 -> len >= 10 && (len - 2) % 8 == 0;         // SACK, RFC 2018 §3
                case 8 -> len == 10;                               // Timestamps, RFC 7323 §3.2
                default -> true;
            };
            if (!ok) return Malformed.BAD_OPTION;
            p += len;
        }
        return Malformed.NONE;
    }

    public byte[] bytes()               { return b; }
    public int offset()                 { return at; }
    public int sourcePort()             { return Bytes.u16(b, at); }
    public int destinationPort()        { return Bytes.u16(b, at + 2); }
    public int sequenceNumber()         { return Bytes.i32(b, at + 4); }
    public int acknowledgmentNumber()   { return Bytes.i32(b, at + 8); }
    public int headerLength()           { return (Bytes.u8(b, at + 12) >>> 4) * 4; }   // Data Offset counts 32-bit words
    public int flags()                  { return Bytes.u8(b, at + 13); }
    public int window()                 { return Bytes.u16(b, at + 14); }
    public int checksum()               { return Bytes.u16(b, at + 16); }
    public int urgentPointer()          { return Bytes.u16(b, at + 18); }
    public int optionsOffset()          { return at + MIN_LENGTH; }
    public int optionsEnd()             { return at + headerLength(); }
    public int payloadOffset()          { return at + headerLength(); }
    public int payloadLength()          { return end - at - headerLength(); }
    public int segmentLength()          { return end - at; }

    /** RFC 9293 §3.1: the checksum covers the pseudo-header, the header and the data. */
    public boolean checksumValid(Ipv4Address source, Ipv4Address destination) {
        long sum = Checksum.pseudoHeader(source.bits(), destination.bits(), 6, end - at);
        return Checksum.finish(Checksum.add(sum, b, at, end - at)) == 0;
    }
}
