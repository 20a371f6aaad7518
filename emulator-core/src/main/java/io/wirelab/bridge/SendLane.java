package io.wirelab.bridge;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Frames queued for a descriptor and sent with sendmmsg(2), by the simulator thread itself (sendNow) or
 * by a thread of the lane's own (sendBehind), so a simulator that is behind the wall clock goes on with
 * its events while the kernel takes the batch. Sending into a veth runs the peer's receive path (its
 * TCP, its wake-up) in the sender's softirq, about three quarters of a send's cost. Frames leave in the
 * order they were queued: the filling batch waits for the one in flight, and sendNow waits for it too.
 * Frames the kernel refuses are counted by length and reported at the next send call.
 */
final class SendLane implements AutoCloseable {
    /** Frames and bytes one batch holds; a full batch is handed to the sender. */
    static final int BATCH_FRAMES = 64;
    static final int BATCH_BYTES = 256 * 1024;
    /** How long the simulator thread spins for the sender before it parks. */
    private static final long SPIN_NANOS = 20_000;

    /** One sendmmsg(2) worth of frames: their bytes, the messages pointing at them, and an errno slot of its own. */
    private static final class Batch {
        final MemorySegment bytes;
        final MemorySegment messages;
        final MemorySegment errno;
        int queued;
        int queuedBytes;

        Batch(Arena arena) {
            bytes = arena.allocate(BATCH_BYTES);
            messages = arena.allocate(BATCH_FRAMES * (Posix.MMSGHDR_SIZE + Posix.IOVEC_SIZE));
            MemorySegment iovecs = messages.asSlice(BATCH_FRAMES * Posix.MMSGHDR_SIZE);
            for (int i = 0; i < BATCH_FRAMES; i++) {
                MemorySegment msg = messages.asSlice(i * Posix.MMSGHDR_SIZE, Posix.MMSGHDR_SIZE);
                msg.set(ADDRESS, Posix.MSGHDR_IOV, iovecs.asSlice(i * Posix.IOVEC_SIZE, Posix.IOVEC_SIZE));
                msg.set(JAVA_LONG, Posix.MSGHDR_IOVLEN, 1L);
            }
            errno = Posix.errnoSlot(arena);
        }

        boolean fits(int length) { return queued < BATCH_FRAMES && queuedBytes + length <= BATCH_BYTES; }

        void add(byte[] frame, int offset, int length) {
            MemorySegment.copy(frame, offset, bytes, JAVA_BYTE, queuedBytes, length);
            long iov = BATCH_FRAMES * Posix.MMSGHDR_SIZE + queued * Posix.IOVEC_SIZE;
            messages.set(JAVA_LONG, iov, bytes.address() + queuedBytes);      // struct iovec: iov_base (a pointer on LP64), iov_len
            messages.set(JAVA_LONG, iov + 8, (long) length);
            queued++;
            queuedBytes += length;
        }

        /** Sends every frame; a refused one is dropped (its length to refused, why to the lane) and the rest still go. */
        void send(int fd, SendLane lane) {
            int sent = 0;
            while (sent < queued) {
                int n = Posix.sendmmsg(errno, fd, messages.asSlice(sent * Posix.MMSGHDR_SIZE), queued - sent);
                if (n > 0) {
                    sent += n;
                    continue;
                }
                int e = Posix.errno(errno);
                if (n < 0 && e == Posix.EINTR) continue;
                long length = messages.get(JAVA_LONG, BATCH_FRAMES * Posix.MMSGHDR_SIZE + sent * Posix.IOVEC_SIZE + 8);
                lane.refused((int) length, Posix.strerror(e));
                sent++;
            }
            queued = 0;
            queuedBytes = 0;
        }
    }

    private final int fd;
    private final String name;
    private Batch filling;
    private Batch spare;
    /** The batch the sender thread owns until it sets this back to null. */
    private volatile Batch inFlight;
    private volatile boolean closing;
    private volatile Thread waiter;
    private Thread sender;
    /** Written by whichever thread sends (the sender only while a batch is in flight); read after it is done. */
    private int[] refusedLengths = new int[4];
    private int refusedCount;
    private volatile String lastRefusal = "";

    /** A lane for fd; name says where it sends (the interface), for errors and the sender thread's name. */
    SendLane(Arena arena, int fd, String name) {
        this.fd = fd;
        this.name = name;
        this.filling = new Batch(arena);
        this.spare = new Batch(arena);
    }

    /** Queues a frame; a full batch goes to the sender first (its refusals reported by the next send call). */
    void add(byte[] frame, int offset, int length) {
        if (!filling.fits(length)) {
            awaitSender();
            handOff();
        }
        filling.add(frame, offset, length);
    }

    /** Sends every queued frame on this thread, after the batch in flight, and reports refusals so far. */
    void sendNow(IntConsumer refused) {
        awaitSender();
        if (filling.queued > 0) filling.send(fd, this);
        report(refused);
    }

    /**
     * Hands every queued frame to the sender thread and returns at once; while the previous batch is still in
     * flight they stay queued for the next send call instead (the simulator never waits here).
     */
    void sendBehind(IntConsumer refused) {
        if (inFlight != null) return;
        report(refused);
        handOff();
    }

    /** The filling batch to the sender, which is idle; the spare becomes the filling one. */
    private void handOff() {
        if (filling.queued == 0) return;
        Batch b = filling;
        filling = spare;
        spare = b;
        if (sender == null) startSender();
        inFlight = b;
        LockSupport.unpark(sender);
    }

    /** The reason the last refused frame gave, empty if none. */
    String lastRefusal() { return lastRefusal; }

    private void refused(int length, String why) {
        if (refusedCount == refusedLengths.length) refusedLengths = Arrays.copyOf(refusedLengths, refusedCount * 2);
        refusedLengths[refusedCount++] = length;
        lastRefusal = "injecting on " + name + " failed: " + why;
    }

    private void report(IntConsumer refused) {
        for (int i = 0; i < refusedCount; i++) refused.accept(refusedLengths[i]);
        refusedCount = 0;
    }

    private void startSender() {
        sender = Thread.ofPlatform().daemon().name("wirelab bridge send " + name).unstarted(this::sendLoop);
        sender.start();
    }

    private void sendLoop() {
        while (true) {
            Batch b = inFlight;
            if (b == null) {
                if (closing) return;
                LockSupport.park(this);
                continue;
            }
            b.send(fd, this);
            inFlight = null;
            Thread w = waiter;
            if (w != null) LockSupport.unpark(w);
        }
    }

    /** Until the batch in flight is sent: a short spin (the sender is usually on the other core), then parks. */
    private void awaitSender() {
        if (inFlight == null) return;
        long until = System.nanoTime() + SPIN_NANOS;
        while (inFlight != null && System.nanoTime() < until) Thread.onSpinWait();
        if (inFlight == null) return;
        waiter = Thread.currentThread();
        try {
            while (inFlight != null) LockSupport.park(this);
        } finally {
            waiter = null;
        }
    }

    /** Waits for the batch in flight and ends the sender thread; frames still queued are discarded. */
    @Override public void close() {
        awaitSender();
        closing = true;
        Thread s = sender;
        if (s == null) return;
        LockSupport.unpark(s);
        boolean interrupted = false;
        while (s.isAlive()) {
            try {
                s.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        filling.queued = 0;
        filling.queuedBytes = 0;
    }
}
