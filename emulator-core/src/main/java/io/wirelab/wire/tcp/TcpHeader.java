package io.wirelab.wire.tcp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Checksum;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A TCP header (RFC 9293 §3.1) with its options. Options are kept in wire order; emit pads them to a
 * 32-bit boundary with zero bytes (End of Option List), and from() stops at End, so End is never
 * part of a parsed list. Sequence numbers are int bits (compare with {@link Seq}). Immutable, equal
 * by value like a record; the options' length and the Timestamps option are found once, at
 * construction, since every segment asks for them several times. Nearly every segment carries NOP,
 * NOP, Timestamps and nothing else (RFC 7323 Appendix A): timestamped() builds such a header without
 * an options list, which options() makes only when asked.
 */
public final class TcpHeader {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_OPTIONS = 40;

    private final int sourcePort, destinationPort, seq, ack, flags, window, urgentPointer;
    private List<TcpOption> options;                         // made when asked if onlyTimestamps
    private final boolean onlyTimestamps;                    // the options are NOP, NOP, timestamps
    private final int optionsLength;
    private final boolean hasTimestamps;
    private final int tsValue, tsEchoReply;
    private TcpOption.Timestamps timestamps;                 // made when asked

    public TcpHeader(int sourcePort, int destinationPort, int seq, int ack, int flags,
                     int window, int urgentPointer, List<TcpOption> options) {
        checkFields(sourcePort, destinationPort, flags, window, urgentPointer);
        this.options = List.copyOf(options);
        int length = 0;
        TcpOption.Timestamps ts = null;
        for (int i = 0; i < this.options.size(); i++) {
            TcpOption o = this.options.get(i);
            length += o.length();
            if (ts == null && o instanceof TcpOption.Timestamps t) ts = t;
        }
        if (length > MAX_OPTIONS) throw new IllegalArgumentException("options longer than 40 bytes");
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        this.seq = seq;
        this.ack = ack;
        this.flags = flags;
        this.window = window;
        this.urgentPointer = urgentPointer;
        this.optionsLength = length;
        this.timestamps = ts;
        this.hasTimestamps = ts != null;
        this.tsValue = ts == null ? 0 : ts.value();
        this.tsEchoReply = ts == null ? 0 : ts.echoReply();
        this.onlyTimestamps = false;
    }

    private TcpHeader(int sourcePort, int destinationPort, int seq, int ack, int flags, int window, int tsValue, int tsEchoReply) {
        checkFields(sourcePort, destinationPort, flags, window, 0);
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        this.seq = seq;
        this.ack = ack;
        this.flags = flags;
        this.window = window;
        this.urgentPointer = 0;
        this.optionsLength = ALIGNED_TIMESTAMPS_LENGTH;
        this.hasTimestamps = true;
        this.tsValue = tsValue;
        this.tsEchoReply = tsEchoReply;
        this.onlyTimestamps = true;
    }

    /** A header whose options are NOP, NOP, Timestamps(value, echoReply), urgent pointer 0. */
    public static TcpHeader timestamped(int sourcePort, int destinationPort, int seq, int ack, int flags, int window,
                                        int value, int echoReply) {
        return new TcpHeader(sourcePort, destinationPort, seq, ack, flags, window, value, echoReply);
    }

    private static void checkFields(int sourcePort, int destinationPort, int flags, int window, int urgentPointer) {
        if (sourcePort < 0 || sourcePort > 0xffff) throw new IllegalArgumentException("sourcePort " + sourcePort);
        if (destinationPort < 0 || destinationPort > 0xffff) throw new IllegalArgumentException("destinationPort " + destinationPort);
        if (flags < 0 || flags > 0xff) throw new IllegalArgumentException("flags " + flags);
        if (window < 0 || window > 0xffff) throw new IllegalArgumentException("window " + window);
        if (urgentPointer < 0 || urgentPointer > 0xffff) throw new IllegalArgumentException("urgentPointer " + urgentPointer);
    }


    public int sourcePort() { return sourcePort; }
    public int destinationPort() { return destinationPort; }
    public int seq() { return seq; }
    public int ack() { return ack; }
    public int flags() { return flags; }
    public int window() { return window; }
    public int urgentPointer() { return urgentPointer; }
    public List<TcpOption> options() {
        if (options == null) options = List.of(TcpOption.NOP, TcpOption.NOP, timestamps());
        return options;
    }

    /** Builds the header from a view whose validate() returned NONE. */
    public static TcpHeader from(TcpView v) {
        byte[] b = v.bytes();
        int p = v.optionsOffset();
        if (v.optionsEnd() - p == ALIGNED_TIMESTAMPS_LENGTH && Bytes.i32(b, p) == ALIGNED_TIMESTAMPS && v.urgentPointer() == 0)   // Linux tcp_fast_parse_options
            return timestamped(v.sourcePort(), v.destinationPort(), v.sequenceNumber(), v.acknowledgmentNumber(), v.flags(),
                    v.window(), Bytes.i32(b, p + 4), Bytes.i32(b, p + 8));
        return new TcpHeader(v.sourcePort(), v.destinationPort(), v.sequenceNumber(), v.acknowledgmentNumber(),
                v.flags(), v.window(), v.urgentPointer(), parseOptions(v.bytes(), v.optionsOffset(), v.optionsEnd()));
    }

    static List<TcpOption> parseOptions(byte[] b, int p, int end) {
        if (p == end) return List.of();
        List<TcpOption> out = new ArrayList<>(6);
        while (p < end) {
            int kind = Bytes.u8(b, p);
            if (kind == 0) break;
            if (kind == 1) { out.add(TcpOption.NOP); p++; continue; }
            int len = Bytes.u8(b, p + 1);
            out.add(switch (kind) {
                case 2 -> new TcpOption.Mss(Bytes.u16(b, p + 2));
                case 3 -> new TcpOption.WindowScale(Bytes.u8(b, p + 2));
                case 4 -> new TcpOption.SackPermitted();
                case 5 -> {
                    List<TcpOption.SackBlock> blocks = new ArrayList<>(4);
                    for (int q = p + 2; q + 8 <= p + len; q += 8)
                        blocks.add(new TcpOption.SackBlock(Bytes.i32(b, q), Bytes.i32(b, q + 4)));
                    yield new TcpOption.Sack(blocks);
                }
                case 8 -> new TcpOption.Timestamps(Bytes.i32(b, p + 2), Bytes.i32(b, p + 6));
                default -> new TcpOption.Unknown(kind, java.util.Arrays.copyOfRange(b, p + 2, p + len));
            });
            p += len;
        }
        return out;
    }

    /** NOP, NOP, Timestamps (kind 8, length 10): the options of nearly every segment (RFC 7323 Appendix A). */
    private static final int ALIGNED_TIMESTAMPS = 0x0101080a;
    private static final int ALIGNED_TIMESTAMPS_LENGTH = 12;

    /** Header length in bytes: 20 plus options padded to a multiple of 4. */
    public int length() { return MIN_LENGTH + ((optionsLength + 3) & ~3); }

    public boolean has(int flag) { return (flags & flag) != 0; }
    public boolean syn() { return has(TcpFlags.SYN); }
    public boolean fin() { return has(TcpFlags.FIN); }
    public boolean rst() { return has(TcpFlags.RST); }
    public boolean isAck() { return has(TcpFlags.ACK); }

    /** MSS option value, or -1 when absent. */
    public int mss() {
        if (onlyTimestamps) return -1;
        for (int i = 0; i < options.size(); i++) if (options.get(i) instanceof TcpOption.Mss m) return m.value();
        return -1;
    }

    /** Window scale shift as sent, or -1 when absent. */
    public int windowScale() {
        if (onlyTimestamps) return -1;
        for (int i = 0; i < options.size(); i++) if (options.get(i) instanceof TcpOption.WindowScale w) return w.shift();
        return -1;
    }

    public boolean sackPermitted() {
        if (onlyTimestamps) return false;
        for (int i = 0; i < options.size(); i++) if (options.get(i) instanceof TcpOption.SackPermitted) return true;
        return false;
    }

    public List<TcpOption.SackBlock> sackBlocks() {
        if (onlyTimestamps) return List.of();
        for (int i = 0; i < options.size(); i++) if (options.get(i) instanceof TcpOption.Sack s) return s.blocks();
        return List.of();
    }

    /** The Timestamps option, or null. */
    public TcpOption.Timestamps timestamps() {
        if (timestamps == null && hasTimestamps) timestamps = new TcpOption.Timestamps(tsValue, tsEchoReply);
        return timestamps;
    }

    /** Whether the segment carries the Timestamps option; then tsValue and tsEchoReply are its fields. */
    public boolean hasTimestamps() { return hasTimestamps; }
    /** TSval of the Timestamps option (RFC 7323 §3), 0 without one. */
    public int tsValue() { return tsValue; }
    /** TSecr of the Timestamps option (RFC 7323 §3), 0 without one. */
    public int tsEchoReply() { return tsEchoReply; }

    /**
     * Writes the header at offset, then computes the checksum over the pseudo-header, the header and
     * the payloadLength bytes that the caller has already placed right after the header.
     */
    public void emit(byte[] out, int offset, Ipv4Address source, Ipv4Address destination, int payloadLength) {
        int hl = length();
        Bytes.put16(out, offset, sourcePort);
        Bytes.put16(out, offset + 2, destinationPort);
        Bytes.putI32(out, offset + 4, seq);
        Bytes.putI32(out, offset + 8, ack);
        Bytes.put8(out, offset + 12, (hl / 4) << 4);
        Bytes.put8(out, offset + 13, flags);
        Bytes.put16(out, offset + 14, window);
        Bytes.put16(out, offset + 16, 0);
        Bytes.put16(out, offset + 18, urgentPointer);
        int p = offset + MIN_LENGTH;
        if (onlyTimestamps) {
            Bytes.putI32(out, p, ALIGNED_TIMESTAMPS);
            Bytes.putI32(out, p + 4, tsValue);
            Bytes.putI32(out, p + 8, tsEchoReply);
            p += ALIGNED_TIMESTAMPS_LENGTH;
        } else {
            for (int i = 0; i < options.size(); i++) { TcpOption o = options.get(i); o.emit(out, p); p += o.length(); }
        }
        while (p < offset + hl) out[p++] = 0;                                // pad with End of Option List
        int total = hl + payloadLength;
        long sum = Checksum.pseudoHeader(source.bits(), destination.bits(), 6, total);   // RFC 9293 §3.1
        Bytes.put16(out, offset + 16, Checksum.finish(Checksum.add(sum, out, offset, total)));
    }

    /** Copies the payload after the header and emits; writes length() + payloadLength bytes. */
    public void emit(byte[] out, int offset, Ipv4Address source, Ipv4Address destination,
                     byte[] payload, int payloadOffset, int payloadLength) {
        System.arraycopy(payload, payloadOffset, out, offset + length(), payloadLength);
        emit(out, offset, source, destination, payloadLength);
    }

    /** "Flags [S.], seq 1, ack 2, win 502, options [mss 1460,nop,wscale 7]" in tcpdump's style. */
    public String describe(int payloadLength) {
        StringBuilder sb = new StringBuilder("Flags [").append(TcpFlags.tcpdump(flags)).append("]");
        if (payloadLength > 0 || syn() || fin())
            sb.append(", seq ").append(Seq.unsigned(seq)).append(payloadLength > 0 ? ":" + Seq.unsigned(seq + payloadLength) : "");
        if (isAck()) sb.append(", ack ").append(Seq.unsigned(ack));
        sb.append(", win ").append(window);
        List<TcpOption> options = options();
        if (!options.isEmpty()) {
            sb.append(", options [");
            for (int i = 0; i < options.size(); i++) sb.append(i > 0 ? "," : "").append(options.get(i));
            sb.append(']');
        }
        return sb.append(", length ").append(payloadLength).toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof TcpHeader h && h.sourcePort == sourcePort && h.destinationPort == destinationPort && h.seq == seq
                && h.ack == ack && h.flags == flags && h.window == window && h.urgentPointer == urgentPointer
                && h.options().equals(options());
    }

    @Override public int hashCode() {
        return Objects.hash(sourcePort, destinationPort, seq, ack, flags, window, urgentPointer, options());
    }

    @Override public String toString() {
        return "TcpHeader[sourcePort=" + sourcePort + ", destinationPort=" + destinationPort + ", seq=" + seq + ", ack=" + ack
                + ", flags=" + flags + ", window=" + window + ", urgentPointer=" + urgentPointer + ", options=" + options() + "]";
    }
}
