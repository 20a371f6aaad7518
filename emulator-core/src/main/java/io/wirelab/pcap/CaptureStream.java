package io.wirelab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Where a capture writer puts its blocks: each block is assembled in place in one reused
 * little-endian buffer (claim, put, blockDone), so a frame's bytes are copied once on their way to
 * the file. A file's buffer is direct and goes out through its channel in one write() only when
 * 64 KiB are waiting or, at every 16th block, 100 ms of wall time have passed since the last write
 * (the clock is read once per 16 blocks: a clock read per frame cost more than the rest of the block):
 * tcpdump too writes through a buffer instead of a system call per packet. flushNow (which
 * Capture.flush and Lab.captureFiles call for whoever reads the files while the lab runs), close and
 * a real-time lab write at once. The file on disk always ends at a block boundary, so it reads as a
 * valid capture at any moment. A stream (stdout, a FIFO for Wireshark) gets every block at once, in
 * one write() followed by a flush().
 */
final class CaptureStream implements Closeable {
    static final int BUFFER_BYTES = 64 * 1024;
    static final long MAX_DELAY_NANOS = 100_000_000L;
    static final int BLOCKS_PER_CLOCK_READ = 16;
    private static final int FIRST_BUFFER_BYTES = 4 * 1024;   // a capture that sees few frames stays small
    private static final int MAX_BUFFER_BYTES = 2 * BUFFER_BYTES;   // room for the block that crosses BUFFER_BYTES

    private final WritableByteChannel channel;                // a file's, or null for a stream
    private final OutputStream stream;
    private ByteBuffer pending;
    private long lastWriteAt = System.nanoTime();
    private int blocksUntilClockRead = BLOCKS_PER_CLOCK_READ;
    private boolean immediate;
    private boolean closed;

    private CaptureStream(WritableByteChannel channel, OutputStream stream) {
        this.channel = channel;
        this.stream = stream;
        this.immediate = stream != null;
        this.pending = allocate(FIRST_BUFFER_BYTES);
    }

    /** Buffered onto a file's channel. */
    static CaptureStream buffered(WritableByteChannel channel) { return new CaptureStream(channel, null); }

    /** Every block written to out at once and flushed. */
    static CaptureStream unbuffered(OutputStream out) { return new CaptureStream(null, out); }

    /** Every block goes out as it completes (a real-time lab, whose capture someone may be reading as it grows). */
    void setImmediate(boolean immediate) { this.immediate = immediate || stream != null; }

    /** The buffer with room for the next block of exactly bytes bytes at its position; blockDone() once it is in. */
    ByteBuffer claim(int bytes) throws IOException {
        if (closed) throw new IllegalStateException("capture is closed");
        if (pending.remaining() < bytes) {
            int needed = pending.position() + bytes;
            if (needed <= MAX_BUFFER_BYTES) {
                grow(Math.min(MAX_BUFFER_BYTES, Math.max(needed, 2 * pending.capacity())));
            } else {
                writeOut();
                if (pending.capacity() < bytes) grow(bytes);
            }
        }
        return pending;
    }

    /** A block is complete: written out now if the buffer is full, the last write is old, or the stream is immediate. */
    void blockDone() throws IOException {
        if (immediate || pending.position() >= BUFFER_BYTES) {
            flushNow();
        } else if (--blocksUntilClockRead == 0) {
            blocksUntilClockRead = BLOCKS_PER_CLOCK_READ;
            if (System.nanoTime() - lastWriteAt >= MAX_DELAY_NANOS) flushNow();
        }
    }

    /** Writes out every complete block held. */
    void flushNow() throws IOException {
        if (closed) return;
        writeOut();
        if (stream != null) stream.flush();
        lastWriteAt = System.nanoTime();
    }

    private void writeOut() throws IOException {
        if (pending.position() == 0) return;
        pending.flip();
        if (stream != null) {
            stream.write(pending.array(), pending.arrayOffset(), pending.limit());
        } else {
            while (pending.hasRemaining()) channel.write(pending);
        }
        pending.clear();
        if (pending.capacity() > MAX_BUFFER_BYTES) pending = allocate(MAX_BUFFER_BYTES);   // one huge block does not stay
    }

    private void grow(int capacity) {
        ByteBuffer bigger = allocate(capacity);
        pending.flip();
        bigger.put(pending);
        pending = bigger;
    }

    private ByteBuffer allocate(int capacity) {
        return (stream != null ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override public void close() throws IOException {
        if (closed) return;
        try {
            flushNow();
        } finally {
            closed = true;
            if (stream != null) stream.close();
            else channel.close();
        }
    }
}
