package io.wirelab.labs.live;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

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

    public PendingFifo(Path path) {
        this.path = path;
        Thread.ofPlatform().daemon().name("wirelab-fifo " + path.getFileName()).start(this::open);
    }

    private void open() {
        try {
            OutputStream o = new FileOutputStream(path.toFile());
            synchronized (this) {
                if (closed) {
                    o.close();
                    return;
                }
                backlog.writeTo(o);
                o.flush();
                backlog = null;
                out = o;
            }
        } catch (IOException e) {
            synchronized (this) { failure = e; }
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

    /** Closes the FIFO; while no reader has come, opens it for reading once so the helper's open returns. */
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
        if (failure == null) new FileInputStream(path.toFile()).close();
    }
}
