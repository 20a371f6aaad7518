package io.wirelab.pcap;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The thread that writes the full buffers of one CaptureFiles' captures behind the simulation. The
 * simulation's thread puts a buffer of finished whole blocks (with its file's channel and offset) into a
 * single-producer single-consumer ring and goes on without a system call: no lock, no wake-up. This
 * thread polls the ring, spinning briefly and then sleeping in short parks, writes each buffer at its
 * offset and counts it done on its file (Progress), which the simulation's thread reads when it needs a
 * buffer back; only if it must wait (the ring or a file's share of it full, a flush) does it park, and the
 * writer then wakes it. It
 * starts at the first buffer queued and ends once it found nothing to write for IDLE_NANOS; the next
 * buffer starts it again, so a lab whose captures are quiet keeps no thread polling. The bytes do not
 * depend on its timing: every block is built before it is queued, and each file's writes land at
 * their own offsets.
 */
final class BufferWriter {
    /** One file's side: how many of its queued writes are done (written or failed), and the first that failed. */
    static final class Progress {
        private volatile long completed;
        private volatile IOException failure;             // set before completed counts the write that failed

        long completed() { return completed; }

        IOException failure() { return failure; }
    }

    private static final int SLOTS = 64;                     // a power of two
    private static final int WRITER_SPINS = 200;             // rounds of onSpinWait before the writer parks
    private static final int WAIT_SPINS = 100;               // before the simulation's thread parks, waiting for the writer
    private static final long PARK_NANOS = 100_000;
    private static final long IDLE_NANOS = 50_000_000;
    private static final long MAX_WAIT_PARK_NANOS = 1_000_000;
    private static final VarHandle RUNNING;

    static {
        try {
            RUNNING = MethodHandles.lookup().findVarHandle(BufferWriter.class, "running", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Progress[] progress = new Progress[SLOTS];
    private final FileChannel[] channels = new FileChannel[SLOTS];
    private final byte[][] buffers = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private final long[] positions = new long[SLOTS];
    private long queued;                                     // the simulation's thread's own count
    private volatile long published;                         // queued and visible to the writer
    private volatile long taken;                             // written (or failed) and their slots free again
    @SuppressWarnings("unused") private volatile boolean running;
    private volatile Thread waiter;                          // the simulation's thread while it waits parked

    /** Queues length bytes of buffer for channel at position; waits only while the ring is full. The buffer is the writer's until p counts it done. */
    void queue(Progress p, FileChannel channel, byte[] buffer, int length, long position) {
        if (queued - taken >= SLOTS) await(() -> queued - taken < SLOTS);
        int i = (int) queued & (SLOTS - 1);
        progress[i] = p;
        channels[i] = channel;
        buffers[i] = buffer;
        lengths[i] = length;
        positions[i] = position;
        published = ++queued;
        if (!running && RUNNING.compareAndSet(this, false, true)) start();
    }

    /** Returns once p counts count writes done. */
    void awaitCompleted(Progress p, long count) {
        if (p.completed < count) await(() -> p.completed >= count);
    }

    /**
     * Waits for the writer: spinning first, then parked until the writer, having finished a write, wakes this
     * thread. An interrupt does not end the wait (a stop must not lose what was captured); it is kept for the caller.
     */
    private void await(BooleanSupplier done) {
        boolean interrupted = false;
        for (int round = 0; !done.getAsBoolean(); round++) {
            if (round < WAIT_SPINS) {
                Thread.onSpinWait();
                continue;
            }
            waiter = Thread.currentThread();
            if (!done.getAsBoolean()) LockSupport.parkNanos(this, MAX_WAIT_PARK_NANOS);   // then looks again, should a wake-up be lost
            waiter = null;
            interrupted |= Thread.interrupted();
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void start() {
        try {
            Thread.ofPlatform().daemon().name("wirelab-capture-writer").start(this::run);
        } catch (RuntimeException | Error e) {
            running = false;
            throw e;
        }
    }

    private void run() {
        int spins = 0;
        long idleSince = 0;
        while (true) {
            long t = taken;
            if (t != published) {
                write((int) t & (SLOTS - 1));
                taken = t + 1;
                Thread w = waiter;                            // after taken and completed: await() sets waiter, then looks at them
                if (w != null) LockSupport.unpark(w);
                spins = 0;
                idleSince = 0;
            } else if (spins < WRITER_SPINS) {
                spins++;
                Thread.onSpinWait();
            } else if (idleSince == 0) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < IDLE_NANOS) {
                LockSupport.parkNanos(PARK_NANOS);
            } else {
                running = false;                              // then look once more: queue() sets published, then looks at running
                if (published == taken || !RUNNING.compareAndSet(this, false, true)) return;
                idleSince = 0;
            }
        }
    }

    private void write(int i) {
        Progress p = progress[i];
        FileChannel channel = channels[i];
        byte[] buffer = buffers[i];
        progress[i] = null;
        channels[i] = null;
        buffers[i] = null;
        if (p.failure == null) {                              // nothing after a lost buffer is written as if whole
            try {
                ByteBuffer out = ByteBuffer.wrap(buffer, 0, lengths[i]);
                long at = positions[i];
                while (out.hasRemaining()) channel.write(out, at + out.position());
            } catch (IOException e) {
                p.failure = e;
            } catch (RuntimeException | Error e) {
                p.failure = new IOException(e);
            }
        }
        p.completed = p.completed + 1;
    }
}
