package io.wirelab.bridge;

import io.wirelab.sim.RealTime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The bridges of one real-time simulator, served by the simulator thread itself (no capture
 * thread): between events it sends their queued frames and takes in waiting ones; with nothing
 * due it waits in one ppoll(2) on every capture descriptor and an eventfd that post() and stop
 * requests write to, with the time to the next event as the timeout. Bridges whose device has no
 * descriptor (test devices) are looked at every millisecond on the real-time clock instead.
 */
final class BridgeOutside implements RealTime.Outside {
    static final long LOOK_WITHOUT_DESCRIPTOR_NANOS = 1_000_000L;

    private final RealTime rt;
    private final Arena arena = Arena.ofAuto();     // wake() writes from other threads; freed with this
    private final MemorySegment errno = Posix.errnoSlot(arena);
    private final MemorySegment timespec = arena.allocate(16);
    private final MemorySegment eventWord = arena.allocate(8);
    private final MemorySegment one = arena.allocateFrom(JAVA_LONG, 1L);
    private Bridge[] bridges = new Bridge[0];
    private MemorySegment pollFds = MemorySegment.NULL;
    private boolean everyBridgeHasADescriptor;
    private int eventFd = -1;

    private BridgeOutside(RealTime rt) { this.rt = rt; }

    /** The outside rt serves for its bridges, made and installed on first use. */
    static BridgeOutside of(RealTime rt) {
        RealTime.Outside o = rt.outside();
        if (o instanceof BridgeOutside b) return b;
        if (o != null) throw new IllegalStateException("the real-time simulator already serves " + o);
        BridgeOutside b = new BridgeOutside(rt);
        rt.serve(b);
        return b;
    }

    void add(Bridge bridge) throws PacketDeviceException {
        if (bridge.device().selectableFd() >= 0 && eventFd < 0) {
            try {
                Posix.available();
                int fd = Posix.eventfd(errno);
                synchronized (this) {
                    eventFd = fd;
                }
            } catch (PacketDeviceException e) {
                if (bridges.length == 0) rt.serve(null);
                throw e;
            }
        }
        List<Bridge> l = new ArrayList<>(List.of(bridges));
        l.add(bridge);
        serve(l);
    }

    /** Stops serving bridge; the last one gone, the simulator parks on its clock again. */
    void remove(Bridge bridge) {
        List<Bridge> l = new ArrayList<>(List.of(bridges));
        l.remove(bridge);
        serve(l);
        if (!l.isEmpty()) return;
        rt.serve(null);
        synchronized (this) {
            if (eventFd >= 0) Posix.close(eventFd);
            eventFd = -1;
        }
    }

    private void serve(List<Bridge> l) {
        bridges = l.toArray(Bridge[]::new);
        everyBridgeHasADescriptor = eventFd >= 0;
        for (Bridge b : bridges) everyBridgeHasADescriptor &= b.device().selectableFd() >= 0;
        if (!everyBridgeHasADescriptor || bridges.length == 0) return;
        pollFds = arena.allocate(Posix.POLLFD_SIZE * (bridges.length + 1));
        for (int i = 0; i < bridges.length; i++) pollFd(i, bridges[i].device().selectableFd());
        pollFd(bridges.length, eventFd);
    }

    private void pollFd(int i, int fd) {
        pollFds.set(JAVA_INT, i * Posix.POLLFD_SIZE, fd);
        pollFds.set(JAVA_SHORT, i * Posix.POLLFD_SIZE + 4, Posix.POLLIN);
    }

    @Override public void flush() {
        for (Bridge b : bridges) b.flushOut();
    }

    @Override public void exchange() {
        for (Bridge b : bridges) {
            b.flushOutBehind();
            b.takeIn();
        }
    }

    @Override public void await(long nanos) {
        Bridge[] serving = bridges;
        MemorySegment fds = pollFds;
        if (!everyBridgeHasADescriptor) {
            rt.clock().parkNanos(Math.min(nanos, LOOK_WITHOUT_DESCRIPTOR_NANOS));
            for (Bridge b : serving) b.takeIn();
            return;
        }
        for (int i = 0; i <= serving.length; i++) fds.set(JAVA_SHORT, i * Posix.POLLFD_SIZE + 6, (short) 0);
        int ready = Posix.ppoll(errno, fds, serving.length + 1, timespec, nanos);
        if (ready <= 0) return;      // timeout, or EINTR: the real-time loop looks again
        if (fds.get(JAVA_SHORT, serving.length * Posix.POLLFD_SIZE + 6) != 0) clearWakeUp();
        for (int i = 0; i < serving.length; i++)
            if (fds.get(JAVA_SHORT, i * Posix.POLLFD_SIZE + 6) != 0) serving[i].takeIn();
    }

    private synchronized void clearWakeUp() {
        if (eventFd >= 0) Posix.clear(eventFd, eventWord);
    }

    @Override public synchronized void wake() {
        if (eventFd >= 0) Posix.signal(eventFd, one);
    }

    @Override public String toString() { return bridges.length + " bridge(s)"; }
}
