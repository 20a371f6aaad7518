package io.wirelab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a classic libpcap file with nanosecond timestamps (magic 0xa1b23c4d), LINKTYPE_ETHERNET.
 * One interface per file: the format has no interface names. Onto an OutputStream each record is
 * written and flushed at once, so the file is valid after every call; a capture file buffers whole
 * records (CaptureStream). Little-endian.
 */
public final class PcapWriter implements Closeable {
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    public static final int MAGIC_MICROS = 0xa1b2c3d4;

    private final CaptureStream out;
    private final int snaplen;
    private boolean closed;

    /** Writes the global header at once. */
    public PcapWriter(OutputStream out, int snaplen) throws IOException {
        this(CaptureStream.unbuffered(out), snaplen);
    }

    public PcapWriter(OutputStream out) throws IOException { this(out, PcapngWriter.DEFAULT_SNAPLEN); }

    PcapWriter(CaptureStream out, int snaplen) throws IOException {
        if (snaplen <= 0) throw new IllegalArgumentException("snaplen must be positive");
        this.out = out;
        this.snaplen = snaplen;
        out.startRecord();
        out.u32(MAGIC_NANOS);
        out.u16(2);                        // version 2.4
        out.u16(4);
        out.u32(0);                        // thiszone
        out.u32(0);                        // sigfigs
        out.u32(snaplen);
        out.u32(PcapngWriter.LINKTYPE_ETHERNET);
        out.done();
    }

    public void writePacket(long timestampNanos, byte[] data, int offset, int length) throws IOException {
        if (closed) throw new IllegalStateException("capture is closed");
        if (timestampNanos < 0) throw new IllegalArgumentException("negative timestamp");
        int captured = Math.min(length, snaplen);
        out.startRecord();
        out.u32((int) (timestampNanos / 1_000_000_000L));
        out.u32((int) (timestampNanos % 1_000_000_000L));
        out.u32(captured);
        out.u32(length);
        out.bytes(data, offset, captured);
        out.done();
    }

    public void writePacket(long timestampNanos, byte[] data) throws IOException {
        writePacket(timestampNanos, data, 0, data.length);
    }

    public void flush() throws IOException { out.flushNow(); }

    @Override public void close() throws IOException {
        if (closed) return;
        closed = true;
        out.close();
    }
}
