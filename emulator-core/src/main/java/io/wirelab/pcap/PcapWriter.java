package io.wirelab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

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
        BlockBuffer header = new BlockBuffer();
        header.u32(MAGIC_NANOS);
        header.u16(2);                     // version 2.4
        header.u16(4);
        header.u32(0);                     // thiszone
        header.u32(0);                     // sigfigs
        header.u32(snaplen);
        header.u32(PcapngWriter.LINKTYPE_ETHERNET);
        header.writeTo(out);
    }

    public void writePacket(long timestampNanos, byte[] data, int offset, int length) throws IOException {
        if (closed) throw new IllegalStateException("capture is closed");
        if (timestampNanos < 0) throw new IllegalArgumentException("negative timestamp");
        int captured = Math.min(length, snaplen);
        ByteBuffer b = out.claim(16 + captured);
        b.putInt((int) (timestampNanos / 1_000_000_000L)).putInt((int) (timestampNanos % 1_000_000_000L))
                .putInt(captured).putInt(length).put(data, offset, captured);
        out.blockDone();
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
