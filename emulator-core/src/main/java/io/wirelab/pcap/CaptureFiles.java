package io.wirelab.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Capture files of which at most limit hold a file descriptor at once: a file is opened at its
 * first write and, when limit files are open, the one written least recently is closed (after its
 * write in flight completed); a later write goes on where it stopped. So a lab capturing 10,000
 * interfaces never runs out of descriptors (EMFILE). Used from the simulation's thread only; a busy
 * capture's full buffers are written by the JDK's asynchronous file I/O (FileStream).
 */
public final class CaptureFiles {
    /** Well below Linux's usual soft limit of 1024 descriptors, which the JVM and bridges share. */
    public static final int DEFAULT_LIMIT = 256;
    /** What the write buffers of all captures of one lab may hold together; each capture's share lies within the bounds below. */
    static final int BUFFER_BUDGET_BYTES = 64 << 20;
    static final int MIN_BUFFER_BYTES = 16 * 1024;
    /** An earlier run's capture at least this large is deleted on a thread of its own rather than truncated at the first write. */
    static final long SET_ASIDE_BYTES = 1 << 20;
    private static final long SET_ASIDE_STEP_BYTES = 2 << 20;
    private static final long SET_ASIDE_PAUSE_NANOS = 100_000;

    private final int limit;
    private final SequencedSet<FileStream> open = new LinkedHashSet<>();   // least recently written first
    private final List<Path> created = new ArrayList<>();
    private int mostOpen;
    private int streams;
    private int failedWrites;
    private int bufferBytes = CaptureStream.BUFFER_BYTES;

    public CaptureFiles(int limit) {
        if (limit < 1) throw new IllegalArgumentException("at least one file must be allowed open");
        this.limit = limit;
    }

    /** A target onto file, replacing it at the first write; nothing is opened before. */
    BlockTarget create(Path file) {
        streams++;
        bufferBytes = Math.clamp(BUFFER_BUDGET_BYTES / (2 * streams), MIN_BUFFER_BYTES, CaptureStream.BUFFER_BYTES);
        return new FileStream(file);
    }

    /**
     * How many bytes each capture onto these files buffers before it writes: CaptureStream's 256 KiB, less
     * when there are many. A capture holds two such buffers once it writes behind (one filling, one in flight).
     */
    int bufferBytes() { return bufferBytes; }

    /**
     * How large a capture's buffer may grow while its last write is still in progress, instead of waiting for
     * it: twice bufferBytes while two such buffers per capture fit in the budget, else bufferBytes (no holding).
     */
    int holdBytes() { return Math.clamp(BUFFER_BUDGET_BYTES / (2L * Math.max(streams, 1)), bufferBytes, 2 * bufferBytes); }

    /** Writes to these files that failed (each also thrown to the capture that made it). */
    public int failedWrites() { return failedWrites; }

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

    /**
     * A capture file. Writes are positional, so a file reopened after release() goes on where it left off.
     * Synchronous through a FileChannel until the first writeBehind (a capture that fills its buffer),
     * then through an AsynchronousFileChannel: the JDK's pool copies the buffer and writes it while the
     * simulation fills the other one, one write in flight at a time, so the file grows in order.
     */
    private final class FileStream implements BlockTarget {
        private final Path file;
        private FileChannel sync;
        private AsynchronousFileChannel async;
        private boolean behind;                       // writes go through async from the first writeBehind on
        private long position;                        // bytes written or in flight
        private Future<Integer> inFlight;
        private ByteBuffer inFlightBytes;
        private long inFlightAt;
        private IOException failure;
        private int failed;
        private boolean written, closed;
        private Path earlier;                         // an earlier run's file, set aside to be deleted
        private Thread deleting;                      // deleting it

        FileStream(Path file) { this.file = file; }

        private void open() throws IOException {
            if (closed) throw new IOException(file + " is closed");
            if (sync != null || async != null) {
                open.remove(this);
                open.add(this);
                return;
            }
            while (open.size() >= limit) open.getFirst().release();
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Set<StandardOpenOption> options = written ? EnumSet.of(StandardOpenOption.WRITE)
                    : EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (!written) setAsideEarlier();
            if (behind) async = AsynchronousFileChannel.open(file, options, null);
            else sync = FileChannel.open(file, options);
            if (!written) created.add(file);
            written = true;
            open.add(this);
            mostOpen = Math.max(mostOpen, open.size());
        }

        /**
         * A large regular file an earlier run left at this path is renamed to a hidden name beside it and deleted on
         * a thread of its own, instead of truncated on this one (about 15 ms for a 110 MB capture); close() waits for
         * the deletion. Anything else (a small file, a
         * FIFO, a link, a failed rename) is opened and truncated as it is.
         */
        private void setAsideEarlier() {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile() || a.size() < SET_ASIDE_BYTES) return;
                Path aside = file.resolveSibling("." + file.getFileName() + ".earlier");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                earlier = aside;
                deleting = Thread.ofPlatform().daemon().name("wirelab-capture-delete").start(() -> deleteInSteps(aside));
            } catch (IOException | RuntimeException notAside) {
                // no earlier file, or it stays where it is (or is deleted by awaitEarlierGone): the open truncates it
            }
        }

        /**
         * Cuts the file down from its end a step at a time, pausing between steps, then deletes it: freeing 100 MB of page
         * cache at once would keep the core from the JDK's thread writing the buffers for 15 ms (under SCHED_FIFO it cannot
         * preempt it).
         */
        private static void deleteInSteps(Path aside) {
            try {
                try (FileChannel c = FileChannel.open(aside, StandardOpenOption.WRITE)) {
                    for (long size = c.size(); size > 0; ) {
                        size = Math.max(0, size - SET_ASIDE_STEP_BYTES);
                        c.truncate(size);
                        LockSupport.parkNanos(SET_ASIDE_PAUSE_NANOS);
                    }
                }
                Files.deleteIfExists(aside);
            } catch (IOException retried) {
                // awaitEarlierGone deletes it, or throws
            }
        }

        /** Returns once the earlier run's file set aside is deleted, also when this thread is interrupted. */
        private void awaitEarlierGone() throws IOException {
            if (earlier == null) return;
            boolean interrupted = false;
            while (deleting != null) {
                try {
                    deleting.join();
                    deleting = null;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            Path aside = earlier;
            earlier = null;
            Files.deleteIfExists(aside);
        }

        @Override public void write(byte[] buffer, int length) throws IOException {
            await();
            open();
            if (async != null) {
                start(buffer, length);
                await();
                return;
            }
            ByteBuffer out = ByteBuffer.wrap(buffer, 0, length);
            try {
                while (out.hasRemaining()) position += sync.write(out, position);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override public void writeBehind(byte[] buffer, int length) throws IOException {
            await();
            if (!behind) {
                closeChannel();
                behind = true;
            }
            open();
            start(buffer, length);
        }

        private void start(byte[] buffer, int length) {
            inFlightBytes = ByteBuffer.wrap(buffer, 0, length);
            inFlightAt = position;
            position += length;
            inFlight = async.write(inFlightBytes, inFlightAt);
        }

        @Override public boolean isWriting() { return inFlight != null && !inFlight.isDone(); }

        @Override public void await() throws IOException {
            if (failure != null) throw new IOException("an earlier write failed: " + failure.getMessage(), failure);
            while (inFlight != null) {
                try {
                    finished(inFlight);
                } catch (ExecutionException e) {
                    inFlight = null;
                    inFlightBytes = null;
                    throw failed(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
                }
                if (inFlightBytes.hasRemaining()) {
                    inFlight = async.write(inFlightBytes, inFlightAt + inFlightBytes.position());   // a short write: the rest
                } else {
                    inFlight = null;
                    inFlightBytes = null;
                }
            }
        }

        /** Waits for the write to complete, also when this thread is interrupted (a stop must not lose what was captured). */
        private static void finished(Future<Integer> write) throws ExecutionException {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        write.get();
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }

        private IOException failed(IOException e) {
            failed++;
            failedWrites++;
            failure = e;
            return new IOException("write failed: " + e.getMessage(), e);
        }

        @Override public int failedWrites() { return failed; }

        /** Gives the descriptor back once its write completed; the next write reopens the file. A failure stays for this file's next call. */
        private void release() throws IOException {
            open.remove(this);
            try {
                await();
            } catch (IOException kept) {
                // failure holds it: this file's next write, flush or close throws it
            }
            closeChannel();
        }

        private void closeChannel() throws IOException {
            FileChannel s = sync;
            AsynchronousFileChannel a = async;
            sync = null;
            async = null;
            if (s != null) s.close();
            if (a != null) a.close();
        }

        @Override public void close() throws IOException {
            if (closed) return;
            try {
                await();
            } finally {
                closed = true;
                try {
                    release();
                } finally {
                    awaitEarlierGone();
                }
            }
        }
    }
}
