package io.wirelab.pcap;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The stream under a capture file: the writers flush after every block, and this stream passes the
 * blocks on in one write() only when 64 KiB are waiting or, as a block completes, 100 ms of wall time
 * have passed since the last write: tcpdump too writes through a buffer instead of a system call per
 * packet. flushNow (which Capture.flush and Lab.captureFiles call for whoever reads the files while
 * the lab runs), close and a real-time lab write at once. The file on disk always ends at a block
 * boundary, so it reads as a valid capture at any moment.
 */
final class CaptureStream extends OutputStream {
    static final int BUFFER_BYTES = 64 * 1024;
    static final long MAX_DELAY_NANOS = 100_000_000L;

    private final OutputStream out;
    private byte[] pending = new byte[2 * BUFFER_BYTES];        // room for the block that crosses BUFFER_BYTES
    private int size;
    private long lastWriteAt = System.nanoTime();
    private boolean immediate;

    CaptureStream(OutputStream out) { this.out = out; }

    /** Every block goes out at its flush (a real-time lab, whose capture someone may be reading as it grows). */
    void setImmediate(boolean immediate) { this.immediate = immediate; }

    @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

    @Override public void write(byte[] b, int off, int len) {
        if (size + len > pending.length) pending = Arrays.copyOf(pending, Math.max(2 * pending.length, size + len));
        System.arraycopy(b, off, pending, size, len);
        size += len;
    }

    /** A block is complete: written out now if the buffer is full, the last write is old, or the stream is immediate. */
    @Override public void flush() throws IOException {
        if (immediate || size >= BUFFER_BYTES || System.nanoTime() - lastWriteAt >= MAX_DELAY_NANOS) flushNow();
    }

    /** Writes out every complete block held. */
    void flushNow() throws IOException {
        if (size > 0) {
            out.write(pending, 0, size);
            size = 0;
            if (pending.length > 2 * BUFFER_BYTES) pending = new byte[2 * BUFFER_BYTES];   // one huge block does not stay
        }
        out.flush();
        lastWriteAt = System.nanoTime();
    }

    @Override public void close() throws IOException {
        try {
            flushNow();
        } finally {
            out.close();
        }
    }
}
