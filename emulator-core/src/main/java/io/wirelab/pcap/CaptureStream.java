package io.wirelab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a capture writer puts its blocks: each block is assembled in place, little-endian, at the
 * end of a reused buffer (begin, fields, finish), so a frame's bytes are copied once into it. A
 * file's buffer goes out in one write only when 256 KiB are waiting (less when a lab has many
 * captures: CaptureFiles.bufferBytes), written behind while the simulation fills a second buffer
 * (which, while that write is still in progress, it fills on up to CaptureFiles.holdBytes rather than
 * wait), or, at every 16th block, when 100 ms of wall time have passed since the last write (the clock is
 * read once per 16 blocks, not per frame): tcpdump too writes through a buffer instead of a system
 * call per packet. 256 KiB writes cost the kernel less per byte than 64 KiB ones and still fit in
 * the cache (docs/performance.md, "Captures").
 * flushNow (which Capture.flush and Lab.captureFiles call for whoever reads the files while the lab
 * runs), close and a real-time lab write at once. The file on disk always ends at a block boundary,
 * so it reads as a valid capture at any moment. A stream (stdout, a FIFO for Wireshark) gets every
 * block at once, in one write() followed by a flush().
 */
final class CaptureStream implements Closeable {
    static final int BUFFER_BYTES = 256 * 1024;
    static final long MAX_DELAY_NANOS = 100_000_000L;
    static final int BLOCKS_PER_CLOCK_READ = 16;
    static final int HOLD_ROOM_BYTES = 64 * 1024;             // a held buffer goes out before it has less room than this
    private static final int FIRST_BUFFER_BYTES = 4 * 1024;   // a capture that sees few frames stays small

    private final BlockTarget target;                          // a file's, or null for a stream
    private final OutputStream stream;
    private final CaptureFiles files;                          // whose captures share a memory budget, or null
    private byte[] pending = new byte[FIRST_BUFFER_BYTES];
    private byte[] behind;                                     // the buffer last written behind: the target's until the next write
    private int size;
    private int blockStart = -1;                               // where the block being assembled starts, or -1
    private long lastWriteAt = System.nanoTime();
    private int blocksUntilClockRead = BLOCKS_PER_CLOCK_READ;
    private boolean immediate;
    private boolean closed;

    private CaptureStream(BlockTarget target, OutputStream stream, CaptureFiles files) {
        this.target = target;
        this.stream = stream;
        this.files = files;
        this.immediate = stream != null;
    }

    /** Buffered onto a channel, written at once when due. */
    static CaptureStream buffered(WritableByteChannel channel) { return new CaptureStream(BlockTarget.of(channel), null, null); }

    /** Buffered onto one of files (files.create), up to the share of the buffer budget that files gives each capture. */
    static CaptureStream buffered(BlockTarget file, CaptureFiles files) { return new CaptureStream(file, null, files); }

    /** Every block written to out at once and flushed. */
    static CaptureStream unbuffered(OutputStream out) { return new CaptureStream(null, out, null); }

    private int bufferBytes() { return files == null ? BUFFER_BYTES : files.bufferBytes(); }

    private int holdBytes() { return files == null ? 2 * BUFFER_BYTES : files.holdBytes(); }

    /** Every block goes out as it completes (a real-time lab, whose capture someone may be reading as it grows). */
    void setImmediate(boolean immediate) { this.immediate = immediate || stream != null; }

    /** Starts a pcapng block: its type, and its total length, filled in by finish(). */
    void begin(int type) {
        startRecord();
        u32(type);
        u32(0);
    }

    /** Starts a record that is not a pcapng block (a classic pcap header or record); done() ends it. */
    void startRecord() {
        if (closed) throw new IllegalStateException("capture is closed");
        abandon();
        blockStart = size;
    }

    /** Ends a pcapng block: its total length at both ends (pcapng §3.1). */
    void finish() throws IOException {
        int total = size - blockStart + 4;
        putU32At(blockStart + 4, total);
        u32(total);
        done();
    }

    /**
     * The record or block is complete: written out now if the stream is immediate or the last write is
     * old; a full buffer is written behind (the simulation fills the other one meanwhile). While the last
     * buffer is still being written, a full one is held and filled on, up to holdBytes, instead of waiting.
     */
    void done() throws IOException {
        blockStart = -1;
        if (immediate) {
            flushNow();
        } else if (size >= bufferBytes()) {
            if (target == null) flushNow();
            else if (!holds()) writeBehind();
        } else if (--blocksUntilClockRead == 0) {
            blocksUntilClockRead = BLOCKS_PER_CLOCK_READ;
            if (System.nanoTime() - lastWriteAt >= MAX_DELAY_NANOS) flushNow();
        }
    }

    /**
     * A whole pcapng block of five 32-bit fields and data padded to 32 bits, without options (an Enhanced
     * Packet Block, §4.3, as most frames are): one bounds check and no calls per field.
     */
    void fiveFieldBlock(int type, int f1, int f2, int f3, int f4, int f5, byte[] data, int offset, int length) throws IOException {
        startRecord();
        int total = 32 + ((length + 3) & ~3);
        ensure(total);
        byte[] b = pending;
        int at = size;
        putU32At(at, type);
        putU32At(at + 4, total);
        putU32At(at + 8, f1);
        putU32At(at + 12, f2);
        putU32At(at + 16, f3);
        putU32At(at + 20, f4);
        putU32At(at + 24, f5);
        System.arraycopy(data, offset, b, at + 28, length);
        for (int i = at + 28 + length; i < at + total - 4; i++) b[i] = 0;
        putU32At(at + total - 4, total);
        size = at + total;
        done();
    }

    /** Drops a block left incomplete by an error (an option too long), so the bytes written out stay whole blocks. */
    private void abandon() {
        if (blockStart >= 0) size = blockStart;
        blockStart = -1;
    }

    void u16(int v) {
        ensure(2);
        pending[size] = (byte) v; pending[size + 1] = (byte) (v >>> 8);
        size += 2;
    }

    void u32(int v) {
        ensure(4);
        putU32At(size, v);
        size += 4;
    }

    void u64(long v) { u32((int) v); u32((int) (v >>> 32)); }

    void bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, pending, size, len);
        size += len;
    }

    /** The zero bytes that pad a field of fieldLength bytes to 32 bits (pcapng §3.1). */
    void pad32(int fieldLength) {
        int n = -fieldLength & 3;
        ensure(n);
        for (int i = 0; i < n; i++) pending[size++] = 0;
    }

    /** pcapng option (§3.5): code, length, value, padding. A null value is left out. */
    void option(int code, byte[] value) {
        if (value == null) return;
        if (value.length > 0xffff) throw new IllegalArgumentException("option value longer than 65535 bytes");
        u16(code);
        u16(value.length);
        bytes(value, 0, value.length);
        pad32(value.length);
    }

    void option(int code, String utf8) {
        if (utf8 != null) option(code, utf8.getBytes(StandardCharsets.UTF_8));
    }

    private void putU32At(int at, int v) {
        pending[at] = (byte) v; pending[at + 1] = (byte) (v >>> 8); pending[at + 2] = (byte) (v >>> 16); pending[at + 3] = (byte) (v >>> 24);
    }

    private void ensure(int more) {
        if (size + more > pending.length) pending = Arrays.copyOf(pending, Math.max(2 * pending.length, size + more));
    }

    /** Whether a full buffer waits for the write in flight with room to fill on (grown once to holdBytes). */
    private boolean holds() {
        if (!target.isWriting() || size + HOLD_ROOM_BYTES > holdBytes()) return false;
        if (pending.length < holdBytes()) pending = Arrays.copyOf(pending, holdBytes());
        return true;
    }

    private void writeBehind() throws IOException {
        byte[] full = pending;
        target.writeBehind(full, size);
        byte[] written = behind;                               // the target is done with it: it waited for it first
        behind = full;
        pending = written == null || written.length > 2 * bufferBytes() ? new byte[bufferBytes()] : written;
        size = 0;
        lastWriteAt = System.nanoTime();
    }

    /** Writes out every complete block held, and waits for a write behind: the file then holds every block. */
    void flushNow() throws IOException {
        if (closed) return;
        abandon();
        if (size > 0) {
            if (stream != null) stream.write(pending, 0, size);
            else target.write(pending, size);
            size = 0;
            if (pending.length > 2 * bufferBytes()) pending = new byte[bufferBytes()];   // one huge block does not stay
        }
        if (stream != null) stream.flush();
        else target.await();
        if (behind != null && behind.length > 2 * bufferBytes()) behind = null;
        lastWriteAt = System.nanoTime();
    }

    /** Writes that failed (thrown to the caller that found each). */
    int failedWrites() { return target != null ? target.failedWrites() : 0; }

    @Override public void close() throws IOException {
        if (closed) return;
        try {
            flushNow();
        } finally {
            closed = true;
            if (stream != null) stream.close();
            else target.close();
        }
    }
}
