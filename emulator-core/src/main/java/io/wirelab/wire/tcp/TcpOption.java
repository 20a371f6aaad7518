package io.wirelab.wire.tcp;

import io.wirelab.wire.Bytes;

import java.util.List;

/**
 * One TCP option (RFC 9293 §3.2). Unknown kinds survive parse -> emit as {@link Unknown}.
 * Each option knows its encoded length and writes itself.
 */
public sealed interface TcpOption {
    /** Options without data are equal by kind, so one instance serves every header. */
    Nop NOP = new Nop();

    int length();

    void emit(byte[] out, int offset);

    /** Kind 0, RFC 9293 §3.2. */
    record End() implements TcpOption {
        public int length() { return 1; }
        public void emit(byte[] out, int offset) { out[offset] = 0; }
        @Override public String toString() { return "eol"; }
    }

    /** Kind 1, RFC 9293 §3.2. */
    record Nop() implements TcpOption {
        public int length() { return 1; }
        public void emit(byte[] out, int offset) { out[offset] = 1; }
        @Override public String toString() { return "nop"; }
    }

    /** Kind 2, RFC 9293 §3.7.1. */
    record Mss(int value) implements TcpOption {
        public Mss {
            if (value < 0 || value > 0xffff) throw new IllegalArgumentException("mss " + value);
        }
        public int length() { return 4; }
        public void emit(byte[] out, int offset) {
            out[offset] = 2; out[offset + 1] = 4; Bytes.put16(out, offset + 2, value);
        }
        @Override public String toString() { return "mss " + value; }
    }

    /** Kind 3, RFC 7323 §2.2. The shift count is kept as sent (receivers clamp it to 14). */
    record WindowScale(int shift) implements TcpOption {
        public WindowScale {
            if (shift < 0 || shift > 255) throw new IllegalArgumentException("shift " + shift);
        }
        public int length() { return 3; }
        public void emit(byte[] out, int offset) { out[offset] = 3; out[offset + 1] = 3; out[offset + 2] = (byte) shift; }
        @Override public String toString() { return "wscale " + shift; }
    }

    /** Kind 4, RFC 2018 §2. */
    record SackPermitted() implements TcpOption {
        public int length() { return 2; }
        public void emit(byte[] out, int offset) { out[offset] = 4; out[offset + 1] = 2; }
        @Override public String toString() { return "sackOK"; }
    }

    /** One SACK block [left, right) in sequence space, RFC 2018 §3. */
    record SackBlock(int left, int right) {
        @Override public String toString() { return Seq.unsigned(left) + ":" + Seq.unsigned(right); }
    }

    /** Kind 5, RFC 2018 §3: 1 to 4 blocks. */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty() || blocks.size() > 4) throw new IllegalArgumentException("sack blocks " + blocks.size());
        }
        public int length() { return 2 + 8 * blocks.size(); }
        public void emit(byte[] out, int offset) {
            out[offset] = 5; out[offset + 1] = (byte) length();
            int at = offset + 2;
            for (SackBlock b : blocks) {
                Bytes.putI32(out, at, b.left()); Bytes.putI32(out, at + 4, b.right()); at += 8;
            }
        }
        @Override public String toString() {
            StringBuilder sb = new StringBuilder("sack ").append(blocks.size());
            for (SackBlock b : blocks) sb.append(" {").append(b).append('}');
            return sb.toString();
        }
    }

    /** Kind 8, RFC 7323 §3.2. Values are unsigned 32-bit, kept as int bits. */
    record Timestamps(int value, int echoReply) implements TcpOption {
        public int length() { return 10; }
        public void emit(byte[] out, int offset) {
            out[offset] = 8; out[offset + 1] = 10;
            Bytes.putI32(out, offset + 2, value); Bytes.putI32(out, offset + 6, echoReply);
        }
        @Override public String toString() { return "TS val " + Seq.unsigned(value) + " ecr " + Seq.unsigned(echoReply); }
    }

    /** Any other kind, carried verbatim (data excludes the kind and length bytes). */
    record Unknown(int kind, byte[] data) implements TcpOption {
        public Unknown {
            if (kind < 0 || kind > 255 || data.length > 38) throw new IllegalArgumentException("option " + kind);
            data = data.clone();
        }
        public int length() { return 2 + data.length; }
        public void emit(byte[] out, int offset) {
            out[offset] = (byte) kind; out[offset + 1] = (byte) length();
            System.arraycopy(data, 0, out, offset + 2, data.length);
        }
        @Override public boolean equals(Object o) {
            return o instanceof Unknown u && u.kind == kind && java.util.Arrays.equals(u.data, data);
        }
        @Override public int hashCode() { return kind * 31 + java.util.Arrays.hashCode(data); }
        @Override public String toString() { return "unknown-" + kind; }
    }
}
