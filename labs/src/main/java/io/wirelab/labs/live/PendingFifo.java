package io.wirelab.labs.live;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An output onto a FIFO that does not block its writer until a reader opens the FIFO (opening a FIFO
 * for writing blocks until then): a helper thread opens it, bytes written meanwhile wait in memory
 * (up to BACKLOG_LIMIT) and go out first, in order. For the console, whose user starts Wireshark
 * after typing :live. The writer's thread and the helper share only this object's lock.
 */
public final class PendingFifo extends OutputStream {
    public static final int BACKLOG_LIMIT = 64 << 20;

    private final Path path;
    private ByteArrayOutputStream backlog = new ByteArrayOutputStream();
    private OutputStream out;
    private IOException failure;
    private boolean closed;
    private final Thread opener;

    public PendingFifo(Path path) {
        this.path = path;
        this.opener = Thread.ofPlatform().daemon().name("wirelab-fifo " + path.getFileName()).start(this::open);
    }

    private void open() {
        synchronized (this) {
            if (closed) return;
        }
        OutputStream o;
        try {
            o = new FileOutputStream(path.toFile());
        } catch (IOException e) {
            synchronized (this) { failure = e; }
            return;
        }
        synchronized (this) {
            try {
                backlog.writeTo(o);
                o.flush();
                backlog = null;
                if (!closed) {
                    out = o;
                    return;
                }
            } catch (IOException e) {
                if (!closed) failure = e;
            }
        }
        closeQuietly(o);
    }

    private static void closeQuietly(OutputStream o) {
        try {
            o.close();
        } catch (IOException ignored) {
            // the reader left; what it did not read is gone either way
        }
    }

    /** Whether a reader has opened the FIFO. */
    public synchronized boolean isOpen() { return out != null; }

    @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

    @Override public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (failure != null) throw failure;
        if (closed) throw new IOException(path + " is closed");
        if (out != null) {
            out.write(b, off, len);
            return;
        }
        if (backlog.size() + len > BACKLOG_LIMIT)
            throw new IOException("no reader opened " + path + " while " + (BACKLOG_LIMIT >> 20) + " MiB waited for one");
        backlog.write(b, off, len);
    }

    @Override public synchronized void flush() throws IOException {
        if (out != null) out.flush();
    }

    /**
     * Closes the FIFO. While no reader has come, opens it read-write for a moment (on Linux that never
     * blocks) so the opener's open returns, and waits for the opener. A reader that opened the FIFO
     * before this call still gets every byte written before it.
     */
    @Override public void close() throws IOException {
        OutputStream o;
        synchronized (this) {
            if (closed) return;
            closed = true;
            o = out;
        }
        if (o != null) {
            o.close();
            return;
        }
        for (int tries = 0; tries < 20 && opener.isAlive(); tries++) {
            try (var _ = new RandomAccessFile(path.toFile(), "rw")) {
                // opening as reader and writer at once lets the opener's open for writing return
            } catch (IOException gone) {
                return;
            }
            try {
                opener.join(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
