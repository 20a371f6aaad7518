package io.wirelab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a classic libpcap file with nanosecond timestamps (magic 0xa1b23c4d), LINKTYPE_ETHERNET.
 * One interface per file: the format has no interface names. Each record is written and flushed
 * at once, so the file is valid after every call. Little-endian.
 */
public final class PcapWriter implements Closeable {
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    public static final int MAGIC_MICROS = 0xa1b2c3d4;

    private final OutputStream out;
    private final int snaplen;
    private final BlockBuffer record = new BlockBuffer();
    private boolean closed;

    /** Writes the global header at once. */
    public PcapWriter(OutputStream out, int snaplen) throws IOException {
        if (snaplen <= 0) throw new IllegalArgumentException("snaplen must be positive");
        this.out = out;
        this.snaplen = snaplen;
        record.u32(MAGIC_NANOS);
        record.u16(2);                     // version 2.4
        record.u16(4);
        record.u32(0);                     // thiszone
        record.u32(0);                     // sigfigs
        record.u32(snaplen);
        record.u32(PcapngWriter.LINKTYPE_ETHERNET);
        record.writeTo(out);
        out.flush();
    }

    public PcapWriter(OutputStream out) throws IOException { this(out, PcapngWriter.DEFAULT_SNAPLEN); }

    public void writePacket(long timestampNanos, byte[] data, int offset, int length) throws IOException {
        if (closed) throw new IllegalStateException("capture is closed");
        if (timestampNanos < 0) throw new IllegalArgumentException("negative timestamp");
        int captured = Math.min(length, snaplen);
        record.reset();
        record.u32(timestampNanos / 1_000_000_000L);
        record.u32(timestampNanos % 1_000_000_000L);
        record.u32(captured);
        record.u32(length);
        record.bytes(data, offset, captured);
        record.writeTo(out);
        out.flush();
    }

    public void writePacket(long timestampNanos, byte[] data) throws IOException {
        writePacket(timestampNanos, data, 0, data.length);
    }

    public void flush() throws IOException { out.flush(); }

    @Override public void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }
}
