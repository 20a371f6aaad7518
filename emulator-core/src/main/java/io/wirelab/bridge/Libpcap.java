package io.wirelab.bridge;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A PacketDevice over libpcap, bound with the FFM API (what jnetpcap 2+ does): pcap_create, then
 * snap length, promiscuous and immediate mode, pcap_activate, inbound-only capture
 * (pcap_setdirection PCAP_D_IN) so injected frames do not come back, non-blocking mode and the
 * capture socket as the descriptor to poll. receive() takes every frame waiting in the capture ring
 * with one pcap_dispatch (no system call while frames wait); injected frames are queued and sent
 * by flush() with one sendmmsg(2) on the capture socket, as pcap_inject's send(2) would one by one, or by
 * flushBehind() on a thread of their own ({@link SendLane}).
 * {@link #rehearsalPair()} makes two devices wired back to back without an interface, for the
 * real-time warm-up: the same code, over socket pairs and pcap_dispatch on what arrived as a savefile.
 * Needs --enable-native-access=ALL-UNNAMED to run without a warning on JDK 25.
 */
@SuppressWarnings("restricted")   // an FFM binding: native access is its purpose (run with --enable-native-access)
public final class Libpcap implements PacketDevice {
    /** Debian ships libpcap.so.0.8 (libpcap.so only with -dev); other systems libpcap.so.1. */
    static final List<String> LIBRARY_NAMES = List.of("libpcap.so.0.8", "libpcap.so.1", "libpcap.so", "libpcap.dylib");
    static final String INSTALL_HINT = "apt-get install libpcap0.8";
    static final int READ_TIMEOUT_MILLIS = 10;
    /** The kernel ring: immediate mode gives each frame a snap-length slot, so libpcap's default 2 MiB held 32 frames; this 1,024. */
    static final int RING_BYTES = 64 << 20;

    private static final int PCAP_ERRBUF_SIZE = 256;
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;
    private static final int PCAP_D_IN = 1;
    private static final int DLT_EN10MB = 1;
    private static final int MAX_FRAME = 65_536;
    private static final MethodHandle ON_FRAME;
    /** The device whose pcap_dispatch runs on this thread: the one upcall stub of the JVM hands it the frames. */
    private static final ThreadLocal<Libpcap> DISPATCHING = new ThreadLocal<>();
    /** One upcall for every device, so the method handle the real interface calls is the one the warm-up's rehearsal made hot. */
    private static MemorySegment sharedOnFrameStub;
    private static final int PKTHDR_SIZE = 24;
    /** pcap_handler(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes): the upcall gets segments sized for
     *  the header and the largest frame, so reading a frame needs no reinterpret (a restricted call, with a caller check). */
    private static final FunctionDescriptor ON_FRAME_DESCRIPTOR = FunctionDescriptor.ofVoid(ADDRESS,
            ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(PKTHDR_SIZE, JAVA_BYTE)),
            ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(MAX_FRAME, JAVA_BYTE)));
    /** A rehearsal device's savefile: what one receive() reads, up to this many bytes (its socket holds less). */
    static final int REHEARSAL_SAVEFILE_BYTES = 512 * 1024;
    private static final int SAVEFILE_HEADER = 24, RECORD_HEADER = 16;

    static {
        try {
            ON_FRAME = MethodHandles.lookup().findStatic(Libpcap.class, "onFrameUpcall",
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The bound functions; loaded once per JVM. */
    private record Api(MethodHandle create, MethodHandle setSnaplen, MethodHandle setPromisc, MethodHandle setImmediate,
                       MethodHandle setBufferSize, MethodHandle setTimeout, MethodHandle activate, MethodHandle setDirection, MethodHandle datalink,
                       MethodHandle dispatch, MethodHandle geterr, MethodHandle close,
                       MethodHandle statusToStr, MethodHandle libVersion, MethodHandle setNonblock,
                       MethodHandle selectableFd, MethodHandle fopenOffline, MethodHandle stats) {}

    private static Api api;
    private static String loadError;

    private final Arena arena = Arena.ofShared();
    private MemorySegment handle = MemorySegment.NULL;
    private boolean opened;
    private int fd = -1;
    private int sendFd = -1;
    /** A rehearsal device's sockets: it sends on the first, receives from the second; null for an interface. */
    private final int[] rehearsalFds;
    private MemorySegment savefile;
    private MemorySegment errbuf;
    private MemorySegment readMode;
    /** Added to a capture's timestamp (the system's real-time clock) to place it on System.nanoTime's clock. */
    private long realToNanoTime;
    private MemorySegment onFrameStub;
    private List<CapturedFrame> receiving;
    private Throwable receiveFailure;
    private SendLane lane;
    private MemorySegment errno;
    private String ifname = "";
    private boolean ownFramesVisible;

    /** A device on a real interface, opened by open(). */
    public Libpcap() { this.rehearsalFds = null; }

    private Libpcap(int sendFd, int receiveFd) { this.rehearsalFds = new int[] {sendFd, receiveFd}; }

    /**
     * Two devices wired back to back, for the real-time warm-up: what one injects (sendmmsg on a socket
     * pair) the other receives (pcap_dispatch over the frames that arrived, as an in-memory savefile), and
     * its descriptor is readable when frames wait. A frame that finds about 200 KB waiting unreceived is
     * refused (flush reports it), as a full interface queue would. open() ignores the interface name;
     * nothing leaves the process.
     */
    public static List<PacketDevice> rehearsalPair() throws PacketDeviceException {
        api();
        Posix.available();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment slot = Posix.errnoSlot(a);
            int[] there = Posix.socketpair(slot);
            int[] back;
            try {
                back = Posix.socketpair(slot);
            } catch (PacketDeviceException e) {
                Posix.close(there[0]);
                Posix.close(there[1]);
                throw e;
            }
            return List.of(new Libpcap(there[0], back[1]), new Libpcap(back[0], there[1]));
        }
    }

    /** The loaded library's version string ("libpcap version 1.10.3 ..."), or throws LIBRARY_MISSING. */
    public static String version() throws PacketDeviceException {
        Api a = api();
        try {
            return cString((MemorySegment) a.libVersion.invokeExact());
        } catch (Throwable t) {
            throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "pcap_lib_version failed: " + t);
        }
    }

    /** Whether libpcap can be loaded on this machine. */
    public static boolean isAvailable() {
        try {
            api();
            return true;
        } catch (PacketDeviceException e) {
            return false;
        }
    }

    private static synchronized Api api() throws PacketDeviceException {
        if (api != null) return api;
        if (loadError != null) throw new PacketDeviceException(PacketDeviceException.Reason.LIBRARY_MISSING, loadError);
        SymbolLookup lib = null;
        for (String name : LIBRARY_NAMES) {
            try {
                lib = SymbolLookup.libraryLookup(name, Arena.global());
                break;
            } catch (IllegalArgumentException notThere) {
                // try the next name
            }
        }
        if (lib == null) {
            loadError = "libpcap is not installed (looked for " + String.join(", ", LIBRARY_NAMES) + "); install it: " + INSTALL_HINT;
            throw new PacketDeviceException(PacketDeviceException.Reason.LIBRARY_MISSING, loadError);
        }
        Linker linker = Linker.nativeLinker();
        try {
            api = new Api(
                    bind(linker, lib, "pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS)),
                    bind(linker, lib, "pcap_set_snaplen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
                    bind(linker, lib, "pcap_set_promisc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
                    bind(linker, lib, "pcap_set_immediate_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
                    bind(linker, lib, "pcap_set_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
                    bind(linker, lib, "pcap_set_timeout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
                    bind(linker, lib, "pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    bind(linker, lib, "pcap_setdirection", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
                    bind(linker, lib, "pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    bind(linker, lib, "pcap_dispatch", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS)),
                    bind(linker, lib, "pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS)),
                    bind(linker, lib, "pcap_close", FunctionDescriptor.ofVoid(ADDRESS)),
                    bind(linker, lib, "pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT)),
                    bind(linker, lib, "pcap_lib_version", FunctionDescriptor.of(ADDRESS)),
                    bind(linker, lib, "pcap_setnonblock", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS)),
                    bind(linker, lib, "pcap_get_selectable_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
                    bind(linker, lib, "pcap_fopen_offline", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS)),
                    bind(linker, lib, "pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)));
        } catch (IllegalStateException e) {
            loadError = e.getMessage() + "; the installed libpcap is too old (1.5+ needed): " + INSTALL_HINT;
            throw new PacketDeviceException(PacketDeviceException.Reason.LIBRARY_MISSING, loadError);
        }
        return api;
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment sym = lib.find(name).orElseThrow(() -> new IllegalStateException("libpcap has no " + name));
        return linker.downcallHandle(sym, fd);
    }

    private static String cString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Long.MAX_VALUE).getString(0);
    }

    @Override public void open(String name, boolean promiscuous, int snaplen) throws PacketDeviceException {
        if (opened) throw new IllegalStateException("already open on " + ifname);
        this.ifname = name;
        if (rehearsalFds != null) {
            openRehearsal();
            return;
        }
        // Linux lists every interface of this namespace there, with or without addresses
        Path sys = Path.of("/sys/class/net");
        if (Files.isDirectory(sys) && !name.contains("/") && !Files.exists(sys.resolve(name)))
            throw new PacketDeviceException(PacketDeviceException.Reason.NO_SUCH_INTERFACE,
                    "no network interface '" + name + "' here (see: ip link)");
        Api a = api();
        try {
            MemorySegment errbuf = arena.allocate(PCAP_ERRBUF_SIZE);
            MemorySegment p = (MemorySegment) a.create.invokeExact(arena.allocateFrom(name), errbuf);
            if (p.equals(MemorySegment.NULL))
                throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "pcap_create " + name + ": " + errbuf.getString(0));
            handle = p;
            int rc = (int) a.setSnaplen.invokeExact(p, snaplen);
            rc |= (int) a.setPromisc.invokeExact(p, promiscuous ? 1 : 0);
            rc |= (int) a.setImmediate.invokeExact(p, 1);
            rc |= (int) a.setBufferSize.invokeExact(p, RING_BYTES);
            rc |= (int) a.setTimeout.invokeExact(p, READ_TIMEOUT_MILLIS);
            if (rc != 0) fail(PacketDeviceException.Reason.FAILED, "cannot configure capture on " + name + ": " + lastError());
            int status = (int) a.activate.invokeExact(p);
            if (status < 0) failActivate(a, status);
            int dlt = (int) a.datalink.invokeExact(p);
            if (dlt != DLT_EN10MB)
                fail(PacketDeviceException.Reason.NOT_ETHERNET, name + " does not carry Ethernet frames (link type " + dlt + "); bridge a veth, TAP or NIC");
            ownFramesVisible = (int) a.setDirection.invokeExact(p, PCAP_D_IN) != 0;
            // non-blocking reads: the simulator thread polls the descriptor itself, between events
            if ((int) a.setNonblock.invokeExact(p, 1, errbuf) != 0)
                fail(PacketDeviceException.Reason.FAILED, "pcap_setnonblock on " + name + ": " + errbuf.getString(0));
            fd = (int) a.selectableFd.invokeExact(p);
            if (fd < 0) fail(PacketDeviceException.Reason.FAILED, name + " offers no selectable descriptor");
            sendFd = fd;
            Posix.available();
            prepareBuffers();
            java.time.Instant now = java.time.Instant.now();
            realToNanoTime = System.nanoTime() - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
        } catch (PacketDeviceException e) {
            throw e;
        } catch (Throwable t) {
            close();
            throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "libpcap call failed on " + name + ": " + t);
        }
    }

    /** The upcall for pcap_dispatch and the batch sendmmsg sends from; the device is open after it. */
    private void prepareBuffers() {
        onFrameStub = sharedOnFrameStub();
        lane = new SendLane(arena, sendFd, ifname);
        errno = Posix.errnoSlot(arena);
        opened = true;
    }

    private void openRehearsal() {
        sendFd = rehearsalFds[0];
        fd = rehearsalFds[1];
        errbuf = arena.allocate(PCAP_ERRBUF_SIZE);
        readMode = arena.allocateFrom("r");
        // a pcap savefile's header (the magic in the machine's byte order, version 2.4), then the frames of one receive()
        savefile = arena.allocate(REHEARSAL_SAVEFILE_BYTES);
        savefile.set(JAVA_INT, 0, 0xa1b2c3d4);
        savefile.set(JAVA_SHORT, 4, (short) 2);
        savefile.set(JAVA_SHORT, 6, (short) 4);
        savefile.set(JAVA_INT, 16, MAX_FRAME);
        savefile.set(JAVA_INT, 20, DLT_EN10MB);
        prepareBuffers();
    }

    /** A rehearsal device: the frames waiting on its socket as a savefile open for pcap_dispatch, or NULL when none waits. */
    private MemorySegment replayArrived() throws Throwable {
        long end = SAVEFILE_HEADER;
        while (end + RECORD_HEADER + MAX_FRAME <= savefile.byteSize()) {
            long n = Posix.recvNow(fd, savefile.asSlice(end + RECORD_HEADER), MAX_FRAME);
            if (n <= 0) break;
            savefile.set(JAVA_LONG_UNALIGNED, end, 0L);            // the timestamp, then caplen and len (records follow frames of any length)
            savefile.set(JAVA_INT_UNALIGNED, end + 8, (int) n);
            savefile.set(JAVA_INT_UNALIGNED, end + 12, (int) n);
            end += RECORD_HEADER + n;
        }
        if (end == SAVEFILE_HEADER) return MemorySegment.NULL;
        MemorySegment file = Posix.fmemopen(errno, savefile, end, readMode);
        if (file.equals(MemorySegment.NULL)) throw new IllegalStateException("fmemopen: " + Posix.strerror(Posix.errno(errno)));
        MemorySegment p = (MemorySegment) api.fopenOffline.invokeExact(file, errbuf);
        if (p.equals(MemorySegment.NULL)) throw new IllegalStateException("pcap_fopen_offline: " + errbuf.getString(0));
        return p;
    }

    private void failActivate(Api a, int status) throws Throwable {
        String detail = lastError();
        if (detail.isEmpty()) detail = cString((MemorySegment) a.statusToStr.invokeExact(status));
        switch (status) {
            case PCAP_ERROR_NO_SUCH_DEVICE -> fail(PacketDeviceException.Reason.NO_SUCH_INTERFACE,
                    "no network interface '" + ifname + "' (" + detail + "; see: ip link)");
            case PCAP_ERROR_PERM_DENIED, PCAP_ERROR_PROMISC_PERM_DENIED -> fail(PacketDeviceException.Reason.PERMISSION,
                    "no permission to capture on " + ifname + " (" + detail + "): run as root, or give java CAP_NET_RAW and CAP_NET_ADMIN"
                            + " (setcap cap_net_raw,cap_net_admin+ep <path of the java binary>)");
            case PCAP_ERROR_IFACE_NOT_UP -> fail(PacketDeviceException.Reason.INTERFACE_DOWN,
                    ifname + " is down: ip link set " + ifname + " up");
            default -> fail(PacketDeviceException.Reason.FAILED, "cannot capture on " + ifname + ": " + detail);
        }
    }

    private void fail(PacketDeviceException.Reason reason, String message) throws PacketDeviceException {
        close();
        throw new PacketDeviceException(reason, message);
    }

    @Override public boolean seesOwnFrames() { return ownFramesVisible; }

    @Override public int selectableFd() { return fd; }

    @Override public int receive(List<CapturedFrame> into) throws PacketDeviceException {
        MemorySegment p = requireOpen();
        int before = into.size();
        receiving = into;
        DISPATCHING.set(this);
        int rc;
        try {
            if (rehearsalFds != null) p = replayArrived();
            rc = p.equals(MemorySegment.NULL) ? 0 : (int) api.dispatch.invokeExact(p, -1, onFrameStub, MemorySegment.NULL);   // -1: every frame in the ring
        } catch (Throwable t) {
            throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "pcap_dispatch on " + ifname + ": " + t);
        } finally {
            receiving = null;
            DISPATCHING.remove();
            if (rehearsalFds != null && !p.equals(MemorySegment.NULL)) closeHandle(p);
        }
        if (receiveFailure != null) {
            Throwable t = receiveFailure;
            receiveFailure = null;
            throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "reading a frame from " + ifname + " failed: " + t);
        }
        if (rc < 0) throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "capture on " + ifname + " failed: " + lastError());
        return into.size() - before;
    }

    private static synchronized MemorySegment sharedOnFrameStub() {
        if (sharedOnFrameStub == null) sharedOnFrameStub = Linker.nativeLinker().upcallStub(ON_FRAME, ON_FRAME_DESCRIPTOR, Arena.global());
        return sharedOnFrameStub;
    }

    private static void onFrameUpcall(MemorySegment user, MemorySegment header, MemorySegment data) {
        Libpcap device = DISPATCHING.get();
        if (device != null) device.onFrame(header, data);
    }

    /** pcap_handler: the frame is valid only during the call, so it is copied. */
    private void onFrame(MemorySegment header, MemorySegment data) {
        try {
            // struct pcap_pkthdr: struct timeval (16 bytes on LP64), bpf_u_int32 caplen, bpf_u_int32 len
            int caplen = header.get(JAVA_INT, 16);
            int len = header.get(JAVA_INT, 20);
            // read on a rehearsal device too (its savefile's zero timestamps), so the warm-up runs the same accesses
            long captured = header.get(JAVA_LONG, 0) * 1_000_000_000L + header.get(JAVA_LONG, 8) * 1_000L + realToNanoTime;
            long arrived = rehearsalFds != null ? -1 : captured;
            byte[] bytes = new byte[caplen];                          // a caplen outside 0..MAX_FRAME throws: a receive failure
            MemorySegment.copy(data, JAVA_BYTE, 0, bytes, 0, caplen);
            receiving.add(new CapturedFrame(bytes, len, arrived));
        } catch (Throwable t) {
            if (receiveFailure == null) receiveFailure = t;   // an exception must not leave an upcall
        }
    }

    @Override public void inject(byte[] frame, int offset, int length) throws PacketDeviceException {
        requireOpen();
        if (length > MAX_FRAME) throw new PacketDeviceException(PacketDeviceException.Reason.FAILED, "frame of " + length + " bytes is too large to inject");
        lane.add(frame, offset, length);
    }

    @Override public void flush(IntConsumer refused) {
        if (opened) lane.sendNow(refused);
    }

    @Override public void flushBehind(IntConsumer refused) {
        if (opened) lane.sendBehind(refused);
    }

    /** struct pcap_stat's ps_drop: frames the kernel's ring had no room for (Linux PACKET_STATISTICS tp_drops). */
    @Override public long kernelDrops() {
        if (!opened || rehearsalFds != null || handle.equals(MemorySegment.NULL)) return 0;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment stat = a.allocate(JAVA_INT, 3);
            if ((int) api.stats.invokeExact(handle, stat) != 0) return 0;
            return Integer.toUnsignedLong(stat.getAtIndex(JAVA_INT, 1));   // libpcap sums the kernel's counts since open
        } catch (Throwable t) {
            return 0;
        }
    }

    @Override public String lastError() {
        String refusal = lane == null ? "" : lane.lastRefusal();
        if (!refusal.isEmpty()) return refusal;
        if (handle.equals(MemorySegment.NULL) || api == null) return "";
        try {
            return cString((MemorySegment) api.geterr.invokeExact(handle));
        } catch (Throwable t) {
            return t.toString();
        }
    }

    private MemorySegment requireOpen() {
        if (!opened) throw new IllegalStateException("the device is not open");
        return handle;
    }

    @Override public void close() {
        MemorySegment p = handle;
        handle = MemorySegment.NULL;
        opened = false;
        fd = -1;
        sendFd = -1;
        if (lane != null) lane.close();
        if (!p.equals(MemorySegment.NULL)) closeHandle(p);
        if (rehearsalFds != null && rehearsalFds[0] >= 0) {
            Posix.close(rehearsalFds[0]);
            Posix.close(rehearsalFds[1]);
            rehearsalFds[0] = rehearsalFds[1] = -1;
        }
        if (arena.scope().isAlive()) arena.close();
    }

    private static void closeHandle(MemorySegment p) {
        try {
            api.close.invokeExact(p);
        } catch (Throwable ignored) {
            // closing is best effort
        }
    }
}
