package io.wirelab.bridge;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C library calls the bridges need beside libpcap, bound with the FFM API (Linux, LP64):
 * ppoll to wait on the capture descriptors with a nanosecond timeout, an eventfd to wake that
 * wait from another thread, and sendmmsg to send a batch of frames in one system call; for the
 * rehearsal devices (Libpcap.rehearsalPair) socketpair, recv and fmemopen.
 */
@SuppressWarnings("restricted")   // an FFM binding: native access is its purpose (run with --enable-native-access)
final class Posix {
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;
    static final int EINTR = 4;
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;

    /** struct pollfd { int fd; short events; short revents; } */
    static final long POLLFD_SIZE = 8;
    /** struct iovec { void *iov_base; size_t iov_len; } */
    static final long IOVEC_SIZE = 16;
    /** struct mmsghdr { struct msghdr msg_hdr (56 bytes on LP64); unsigned int msg_len; } padded to 64 */
    static final long MMSGHDR_SIZE = 64;
    static final long MSGHDR_IOV = 16, MSGHDR_IOVLEN = 24;

    private static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** The bound functions, loaded on first use: a system without one of them gets a clear error from available(). */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final MethodHandle PPOLL = bind("ppoll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS), true);
        static final MethodHandle EVENTFD = bind("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
        static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), false);
        static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), false);
        static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
        static final MethodHandle SENDMMSG = bind("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), true);
        static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false);
        static final MethodHandle SOCKETPAIR = bind("socketpair", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), true);
        static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), false);
        static final MethodHandle FMEMOPEN = bind("fmemopen", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), true);

        private static MethodHandle bind(String name, FunctionDescriptor fd, boolean withErrno) {
            MemorySegment sym = LIBC.find(name).orElseThrow(() -> new IllegalStateException("the C library has no " + name));
            return withErrno ? LINKER.downcallHandle(sym, fd, Linker.Option.captureCallState("errno")) : LINKER.downcallHandle(sym, fd);
        }
    }

    private Posix() {}

    /** Loads the calls, or says why they are missing (bridges need Linux: ppoll, eventfd, sendmmsg). */
    static void available() throws PacketDeviceException {
        try {
            MethodHandle loaded = Calls.SENDMMSG;
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new PacketDeviceException(PacketDeviceException.Reason.FAILED,
                    "bridges need Linux's ppoll, eventfd and sendmmsg: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    /** A segment to receive errno from the calls that capture it; one per thread that calls them. */
    static MemorySegment errnoSlot(Arena arena) { return arena.allocate(CALL_STATE); }

    static int errno(MemorySegment slot) { return (int) ERRNO.get(slot, 0L); }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Calls.STRERROR.invokeExact(errno);
            return s.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** ppoll(2) with a relative timeout in nanoseconds (at most 1 s); returns ready descriptors, 0 on timeout, -1 on error (errno in slot). */
    static int ppoll(MemorySegment errnoSlot, MemorySegment fds, int count, MemorySegment timespec, long nanos) {
        timespec.set(JAVA_LONG, 0, nanos / 1_000_000_000L);
        timespec.set(JAVA_LONG, 8, nanos % 1_000_000_000L);
        try {
            return (int) Calls.PPOLL.invokeExact(errnoSlot, fds, (long) count, timespec, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("ppoll failed: " + t, t);
        }
    }

    /** A non-blocking eventfd, or throws with errno's text. */
    static int eventfd(MemorySegment errnoSlot) throws PacketDeviceException {
        int fd;
        try {
            fd = (int) Calls.EVENTFD.invokeExact(errnoSlot, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (Throwable t) {
            throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "eventfd failed: " + t);
        }
        if (fd < 0) throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "eventfd: " + strerror(errno(errnoSlot)));
        return fd;
    }

    /** Adds one to an eventfd's counter (a wake-up); a full counter already wakes, so errors are ignored. */
    static void signal(int eventFd, MemorySegment one) {
        try {
            long ignored = (long) Calls.WRITE.invokeExact(eventFd, one, 8L);
        } catch (Throwable t) {
            throw new IllegalStateException("write to eventfd failed: " + t, t);
        }
    }

    /** Resets a non-blocking eventfd's counter. */
    static void clear(int eventFd, MemorySegment scratch8) {
        try {
            long ignored = (long) Calls.READ.invokeExact(eventFd, scratch8, 8L);
        } catch (Throwable t) {
            throw new IllegalStateException("read from eventfd failed: " + t, t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) Calls.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            // closing is best effort
        }
    }

    /** sendmmsg(2): messages sent (from the first), or -1 when the first failed (errno in slot). */
    static int sendmmsg(MemorySegment errnoSlot, int fd, MemorySegment msgs, int count) {
        try {
            return (int) Calls.SENDMMSG.invokeExact(errnoSlot, fd, msgs, count, 0);
        } catch (Throwable t) {
            throw new IllegalStateException("sendmmsg failed: " + t, t);
        }
    }

    /**
     * Two connected AF_UNIX datagram sockets: what one sends, the other receives, frame by frame. Non-blocking:
     * a send that finds the sender's buffer full (about 200 KB not yet received) fails with EAGAIN instead of waiting.
     */
    static int[] socketpair(MemorySegment errnoSlot) throws PacketDeviceException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate(JAVA_INT, 2);
            int rc;
            try {
                rc = (int) Calls.SOCKETPAIR.invokeExact(errnoSlot, AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds);
            } catch (Throwable t) {
                throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "socketpair failed: " + t);
            }
            if (rc != 0) throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "socketpair: " + strerror(errno(errnoSlot)));
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    /** recv(2) without waiting: the length of the datagram taken into buffer, or -1 when none waits (or on error). */
    static long recvNow(int fd, MemorySegment buffer, long capacity) {
        try {
            return (long) Calls.RECV.invokeExact(fd, buffer, capacity, MSG_DONTWAIT);
        } catch (Throwable t) {
            throw new IllegalStateException("recv failed: " + t, t);
        }
    }

    /** fmemopen(3): a FILE reading the first size bytes of buffer (mode "r"), or NULL with errno in slot. */
    static MemorySegment fmemopen(MemorySegment errnoSlot, MemorySegment buffer, long size, MemorySegment mode) {
        try {
            return (MemorySegment) Calls.FMEMOPEN.invokeExact(errnoSlot, buffer, size, mode);
        } catch (Throwable t) {
            throw new IllegalStateException("fmemopen failed: " + t, t);
        }
    }
}
