package io.wirelab.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * Channels onto capture files of which at most limit hold a file descriptor at once: a file
 * is opened at its first write and, when limit files are open, the one written least recently is
 * closed; a later write appends to it again. So a lab capturing 10,000 interfaces never runs out
 * of descriptors (EMFILE), and every block is complete on disk after each write. Single-threaded.
 */
public final class CaptureFiles {
    /** Well below Linux's usual soft limit of 1024 descriptors, which the JVM and bridges share. */
    public static final int DEFAULT_LIMIT = 256;
    /** What the write buffers of all captures of one lab may hold together; each capture's share lies within the bounds below. */
    static final int BUFFER_BUDGET_BYTES = 64 << 20;
    static final int MIN_BUFFER_BYTES = 16 * 1024;

    private final int limit;
    private final SequencedSet<FileStream> open = new LinkedHashSet<>();   // least recently written first
    private final List<Path> created = new ArrayList<>();
    private int mostOpen;
    private int streams;

    public CaptureFiles(int limit) {
        if (limit < 1) throw new IllegalArgumentException("at least one file must be allowed open");
        this.limit = limit;
    }

    /** A channel onto file, replacing it at the first write; nothing is opened before. */
    public WritableByteChannel create(Path file) {
        streams++;
        return new FileStream(file);
    }

    /** How many bytes each capture onto these files buffers before it writes: CaptureStream's 256 KiB, less when there are many. */
    int bufferBytes() { return Math.clamp(BUFFER_BUDGET_BYTES / Math.max(1, streams), MIN_BUFFER_BYTES, CaptureStream.BUFFER_BYTES); }

    /** The largest number of files that were open at once. */
    public int mostOpen() { return mostOpen; }

    public int openNow() { return open.size(); }

    /** The files these streams created, in the order of their first write. */
    public List<Path> created() { return List.copyOf(created); }

    /** Closes every stream and deletes the files they created: for a lab that could not start. */
    public void discard() {
        for (FileStream s : List.copyOf(open)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
        }
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: a file that cannot be deleted stays, as a partial capture
            }
        }
    }

    private final class FileStream implements WritableByteChannel {
        private final Path file;
        private FileChannel out;
        private boolean written, closed;

        FileStream(Path file) { this.file = file; }

        private FileChannel out() throws IOException {
            if (closed) throw new IOException(file + " is closed");
            if (out != null) {
                open.remove(this);
                open.add(this);
                return out;
            }
            while (open.size() >= limit) open.getFirst().release();
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            out = written ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (!written) created.add(file);
            written = true;
            open.add(this);
            mostOpen = Math.max(mostOpen, open.size());
            return out;
        }

        /** Gives the descriptor back; the next write reopens the file to append. */
        private void release() throws IOException {
            open.remove(this);
            FileChannel o = out;
            out = null;
            if (o != null) o.close();
        }

        @Override public int write(ByteBuffer src) throws IOException { return out().write(src); }

        @Override public boolean isOpen() { return !closed; }

        @Override public void close() throws IOException {
            if (closed) return;
            release();
            closed = true;
        }
    }
}
