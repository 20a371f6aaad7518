package io.wirelab.wire.icmpv4;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;

import java.util.Arrays;

/**
 * An ICMPv4 message as a value (RFC 792). emit() writes the header, the data and the checksum.
 * Types this stack does not act on round-trip as Other.
 */
public sealed interface Icmpv4Message {
    int TYPE_ECHO_REPLY = 0;
    int TYPE_DESTINATION_UNREACHABLE = 3;
    int TYPE_ECHO_REQUEST = 8;
    int TYPE_TIME_EXCEEDED = 11;

    /** RFC 792 destination unreachable codes; RFC 1191 for 4. */
    int CODE_NET_UNREACHABLE = 0;
    int CODE_HOST_UNREACHABLE = 1;
    int CODE_PROTOCOL_UNREACHABLE = 2;
    int CODE_PORT_UNREACHABLE = 3;
    int CODE_FRAGMENTATION_NEEDED = 4;
    /** RFC 792 time exceeded codes. */
    int CODE_TTL_EXCEEDED = 0;
    int CODE_REASSEMBLY_TIME_EXCEEDED = 1;

    int type();
    int code();
    /** The four bytes after the checksum. */
    int restOfHeader();
    /** The bytes after the 8-byte header; never modify. */
    byte[] data();

    default int length() { return Icmpv4View.HEADER_LENGTH + data().length; }

    /** Writes exactly length() bytes at offset, checksum included. */
    default void emit(byte[] out, int offset) {
        Bytes.put8(out, offset, type());
        Bytes.put8(out, offset + 1, code());
        Bytes.put16(out, offset + 2, 0);
        Bytes.putI32(out, offset + 4, restOfHeader());
        System.arraycopy(data(), 0, out, offset + Icmpv4View.HEADER_LENGTH, data().length);
        Bytes.put16(out, offset + 2, Checksum.fold(out, offset, length()));   // RFC 792 / RFC 1071
    }

    static Icmpv4Message from(Icmpv4View v) {
        byte[] data = Arrays.copyOfRange(v.bytes(), v.dataOffset(), v.dataOffset() + v.dataLength());
        return switch (v.type()) {
            case TYPE_ECHO_REQUEST -> v.code() == 0 ? new EchoRequest(v.identifier(), v.sequence(), data)
                    : new Other(v.type(), v.code(), v.restOfHeader(), data);
            case TYPE_ECHO_REPLY -> v.code() == 0 ? new EchoReply(v.identifier(), v.sequence(), data)
                    : new Other(v.type(), v.code(), v.restOfHeader(), data);
            case TYPE_DESTINATION_UNREACHABLE -> new DestinationUnreachable(v.code(),
                    v.code() == CODE_FRAGMENTATION_NEEDED ? v.nextHopMtu() : 0, data);
            case TYPE_TIME_EXCEEDED -> new TimeExceeded(v.code(), data);
            default -> new Other(v.type(), v.code(), v.restOfHeader(), data);
        };
    }

    record EchoRequest(int identifier, int sequence, byte[] data) implements Icmpv4Message {
        public EchoRequest { checkU16(identifier, sequence); }
        public int type() { return TYPE_ECHO_REQUEST; }
        public int code() { return 0; }
        public int restOfHeader() { return identifier << 16 | sequence; }
    }

    record EchoReply(int identifier, int sequence, byte[] data) implements Icmpv4Message {
        public EchoReply { checkU16(identifier, sequence); }
        public int type() { return TYPE_ECHO_REPLY; }
        public int code() { return 0; }
        public int restOfHeader() { return identifier << 16 | sequence; }
    }

    /** data = the offending datagram's IP header and at least 8 bytes of its payload (RFC 792). */
    record DestinationUnreachable(int code, int nextHopMtu, byte[] data) implements Icmpv4Message {
        public DestinationUnreachable { checkU16(code, nextHopMtu); }
        public int type() { return TYPE_DESTINATION_UNREACHABLE; }
        public int restOfHeader() { return code == CODE_FRAGMENTATION_NEEDED ? nextHopMtu : 0; }   // RFC 1191 §4
    }

    record TimeExceeded(int code, byte[] data) implements Icmpv4Message {
        public int type() { return TYPE_TIME_EXCEEDED; }
        public int restOfHeader() { return 0; }
    }

    record Other(int type, int code, int restOfHeader, byte[] data) implements Icmpv4Message {}

    private static void checkU16(int a, int b) {
        if (a < 0 || a > 0xffff || b < 0 || b > 0xffff) throw new IllegalArgumentException("not 16 bits: " + a + ", " + b);
    }
}
