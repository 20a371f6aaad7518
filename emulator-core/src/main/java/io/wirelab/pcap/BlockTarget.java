package io.wirelab.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Where a capture file's buffers of whole blocks go, in order. write() returns once the bytes are
 * written; writeBehind() may return before, and the buffer then belongs to the target until its next
 * call or await() returns. A failed write is thrown by the call that finds it (that one, or a later
 * one for a write behind) and every later call, so nothing after a lost block is written as if whole.
 */
interface BlockTarget extends Closeable {
    void write(byte[] buffer, int length) throws IOException;

    void writeBehind(byte[] buffer, int length) throws IOException;

    /** Returns when every write started has completed. */
    void await() throws IOException;

    /** Whether a write behind is still in progress (await would wait). */
    default boolean isWriting() { return false; }

    /** Writes that failed so far. */
    int failedWrites();

    /** Writes at once to a channel (a test's, or any that is not a capture file). */
    static BlockTarget of(WritableByteChannel channel) {
        return new BlockTarget() {
            private IOException failure;
            private int failed;

            @Override public void write(byte[] buffer, int length) throws IOException {
                if (failure != null) throw new IOException("an earlier write failed: " + failure.getMessage(), failure);
                ByteBuffer out = ByteBuffer.wrap(buffer, 0, length);
                try {
                    while (out.hasRemaining()) channel.write(out);
                } catch (IOException e) {
                    failed++;
                    failure = e;
                    throw e;
                }
            }

            @Override public void writeBehind(byte[] buffer, int length) throws IOException { write(buffer, length); }
            @Override public void await() {}
            @Override public int failedWrites() { return failed; }
            @Override public void close() throws IOException { channel.close(); }
        };
    }
}
