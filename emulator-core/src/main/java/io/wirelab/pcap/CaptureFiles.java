package io.wirelab.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Capture files of which at most limit hold a file descriptor at once: a file is opened at its
 * first write and, when limit files are open, the one written least recently is closed (after its
 * write in flight completed); a later write goes on where it stopped. So a lab capturing 10,000
 * interfaces never runs out of descriptors (EMFILE). Used from the simulation's thread only; a busy
 * capture's full buffers are written by one BufferWriter thread per CaptureFiles (FileStream).
 */
public final class CaptureFiles {
    /** Well below Linux's usual soft limit of 1024 descriptors, which the JVM and bridges share. */
    public static final int DEFAULT_LIMIT = 256;
    /** What the write buffers of all captures of one lab may hold together; each capture's share lies within the bounds below. */
    static final int BUFFER_BUDGET_BYTES = 64 << 20;
    static final int MIN_BUFFER_BYTES = 16 * 1024;
    /** A busy capture's buffer: small, so the buffers the simulation's thread writes stay in its core's cache (docs/performance.md). */
    static final int MAX_BUFFER_BYTES = 64 * 1024;
    /** Full buffers of one capture that may wait for or be in the writer at once; the capture fills one more meanwhile. */
    static final int IN_FLIGHT = 4;
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
    private int bufferBytes = MAX_BUFFER_BYTES;
    private BufferWriter writer;                                            // started at the first write behind

    public CaptureFiles(int limit) {
        if (limit < 1) throw new IllegalArgumentException("at least one file must be allowed open");
        this.limit = limit;
    }

    /** A target onto file, replacing it at the first write; nothing is opened before. */
    BlockTarget create(Path file) {
        streams++;
        bufferBytes = Math.clamp(BUFFER_BUDGET_BYTES / ((IN_FLIGHT + 1) * streams), MIN_BUFFER_BYTES, MAX_BUFFER_BYTES);
        return new FileStream(file);
    }

    /**
     * How many bytes each capture onto these files buffers before it writes: MAX_BUFFER_BYTES, less
     * when there are many. A capture holds IN_FLIGHT + 1 such buffers once it writes behind (one filling).
     */
    int bufferBytes() { return bufferBytes; }

    /**
     * How large a capture's buffer may grow while its last write is still in progress, instead of waiting for
     * it: twice bufferBytes while IN_FLIGHT + 1 such buffers per capture fit in the budget, else bufferBytes (no holding).
     */
    int holdBytes() { return Math.clamp(BUFFER_BUDGET_BYTES / ((IN_FLIGHT + 1L) * Math.max(streams, 1)), bufferBytes, 2 * bufferBytes); }

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

    private BufferWriter writer() {
        if (writer == null) writer = new BufferWriter();
        return writer;
    }

    /**
     * A capture file. Writes are positional, so a file reopened after release() goes on where it left off.
     * Synchronous until the first writeBehind (a capture that fills its buffer); from then on its full
     * buffers go to the files' BufferWriter thread, at most IN_FLIGHT at a time, written in order at their
     * offsets while the simulation fills the next one.
     */
    private final class FileStream implements BlockTarget {
        private final Path file;
        private final BufferWriter.Progress progress = new BufferWriter.Progress();
        private final ArrayDeque<byte[]> inFlight = new ArrayDeque<>();   // queued to the writer, oldest first
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();       // written: for the capture to fill again
        private FileChannel channel;
        private boolean behind;                       // reopened for the writer at the first writeBehind
        private long position;                        // bytes written or queued
        private long queued, reclaimed;               // writes queued to the writer; of them, those whose buffer came back
        private IOException failure;
        private int failed;
        private boolean written, closed;
        private Path earlier;                         // an earlier run's file, set aside to be deleted
        private Thread deleting;                      // deleting it

        FileStream(Path file) { this.file = file; }

        private void open() throws IOException {
            if (closed) throw new IOException(file + " is closed");
            if (channel != null) {
                open.remove(this);
                open.add(this);
                return;
            }
            while (open.size() >= limit) open.getFirst().release();
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Set<StandardOpenOption> options = written ? EnumSet.of(StandardOpenOption.WRITE)
                    : EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            if (!written) setAsideEarlier();
            channel = FileChannel.open(file, options);
            if (!written) created.add(file);
            written = true;
            open.add(this);
            mostOpen = Math.max(mostOpen, open.size());
        }

        /**
         * A large regular file an earlier run left at this path is renamed to a hidden name beside it and deleted on
         * a thread of its own, instead of truncated on this one (about 15 ms for a 110 MB capture) or on the writer
         * (whose first buffers would wait for it); close() waits for the deletion. Anything else (a small file, a
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
         * cache at once would keep the core from the writer thread for 15 ms (which under SCHED_FIFO it cannot preempt).
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

        /** Once behind, through the writer too (so an interrupt of this thread cannot close the channel midway), and waited for. */
        @Override public void write(byte[] buffer, int length) throws IOException {
            await();
            open();
            if (behind) {
                queue(buffer, length);
                try {
                    await();
                } finally {
                    free.removeLastOccurrence(buffer);        // the caller's own
                }
                return;
            }
            ByteBuffer out = ByteBuffer.wrap(buffer, 0, length);
            try {
                while (out.hasRemaining()) position += channel.write(out, position);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override public byte[] writeBehind(byte[] buffer, int length) throws IOException {
            thrown();
            if (!behind) {
                await();
                closeChannel();
                behind = true;
            }
            open();
            if (inFlight.size() >= IN_FLIGHT && reclaim() == 0) {
                writer.awaitCompleted(progress, reclaimed + 1);
                reclaim();
                thrown();
            }
            queue(buffer, length);
            reclaim();
            return free.poll();
        }

        private void queue(byte[] buffer, int length) {
            inFlight.add(buffer);
            writer().queue(progress, channel, buffer, length, position);
            position += length;
            queued++;
        }

        /** Takes back the buffers of the writes done since the last call; returns how many. */
        private int reclaim() {
            long done = progress.completed();
            int n = (int) (done - reclaimed);
            for (; reclaimed < done; reclaimed++) free.add(inFlight.poll());
            return n;
        }

        /** Throws a failure of a write behind once it is known (the first time as a failed write, then as an earlier one). */
        private void thrown() throws IOException {
            if (failure != null) throw new IOException("an earlier write failed: " + failure.getMessage(), failure);
            IOException e = progress.failure();
            if (e != null) throw failed(e);
        }

        @Override public boolean isWriting() {
            reclaim();
            return inFlight.size() >= IN_FLIGHT;
        }

        /** Waits for every write behind, also when this thread is interrupted (a stop must not lose what was captured). */
        @Override public void await() throws IOException {
            thrown();
            if (reclaimed < queued) {
                writer.awaitCompleted(progress, queued);
                reclaim();
                thrown();
            }
        }

        private IOException failed(IOException e) {
            failed++;
            failedWrites++;
            failure = e;
            return new IOException("write failed: " + e.getMessage(), e);
        }

        @Override public int failedWrites() { return failed; }

        /** Gives the descriptor back once its writes completed; the next write reopens the file. A failure stays for this file's next call. */
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
            FileChannel c = channel;
            channel = null;
            if (c != null) c.close();
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
