package io.wirelab.bridge;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Port;
import io.wirelab.sim.RealTime;
import io.wirelab.sim.Simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Attaches a lab port to a real interface. The simulator thread serves the interface itself
 * (BridgeOutside): frames waiting there enter the lab as events at the virtual time they were
 * taken in, and leave this bridge's port into the lab; frames the lab delivers to the port are
 * queued on the device and sent in one batch once the simulator has caught up with the wall clock
 * (at once when it is not behind; while it stays behind, every millisecond from the device's send
 * thread, so the kernel's part of a send holds up no event). The simulator must be in real-time mode. Own injected frames are
 * kept out by the device (inbound-only capture) or, where it cannot, by a filter of recently
 * injected frames. Everything but counters() and lastError() is for the simulator thread.
 */
public final class Bridge implements AutoCloseable {
    public static final int SNAPLEN = 65_535;
    static final int ECHO_MEMORY = 512;

    private final Simulator sim;
    private final String hostInterface;
    private final PacketDevice device;
    private final Port port;
    private final BridgeCounters counters = new BridgeCounters();
    private final List<PacketDevice.CapturedFrame> arrived = new ArrayList<>();
    private RealTime rt;
    private BridgeOutside outside;
    private RecentFrames echoes;
    private volatile boolean running;
    private volatile String lastError = "";
    private boolean closed;

    /** A bridge whose lab side is the port "name:hostInterface". */
    public Bridge(Simulator sim, String name, String hostInterface, PacketDevice device) {
        this.sim = sim;
        this.hostInterface = hostInterface;
        this.device = device;
        this.port = new Port(name + ":" + hostInterface, sim);
        port.attach(this::sendOut);
    }

    /** A bridge over libpcap (the FFM binding). */
    public static Bridge overLibpcap(Simulator sim, String name, String hostInterface) {
        return new Bridge(sim, name, hostInterface, new Libpcap());
    }

    public Port port() { return port; }
    public String hostInterface() { return hostInterface; }
    public BridgeCounters counters() { return counters; }
    public boolean isRunning() { return running; }
    /** The last error of the device (capture or inject), empty if none. */
    public String lastError() { return lastError; }

    PacketDevice device() { return device; }

    /** Opens the interface (promiscuous); from now on the simulator serves it between events. */
    public void start() throws PacketDeviceException {
        RealTime r = sim.realTime();
        if (r == null) throw new IllegalStateException("bridge to " + hostInterface + " needs the simulator in real-time mode");
        if (closed || rt != null) throw new IllegalStateException("bridge to " + hostInterface + " was already started");
        device.open(hostInterface, true, SNAPLEN);
        if (device.seesOwnFrames()) echoes = new RecentFrames(ECHO_MEMORY);
        rt = r;
        outside = BridgeOutside.of(r);
        try {
            outside.add(this);
        } catch (PacketDeviceException e) {
            rt = null;
            device.close();
            throw e;
        }
        running = true;
    }

    /** Every frame waiting on the interface becomes an event at the virtual time of now. */
    void takeIn() {
        if (!running) return;
        arrived.clear();
        try {
            device.receive(arrived);
        } catch (PacketDeviceException e) {
            lastError = e.getMessage();
            running = false;
            outside.remove(this);
            return;
        }
        if (arrived.isEmpty()) return;
        long at = Math.max(sim.now(), rt.virtualNow());
        long wallNow = rt.clock().nanoTime();
        for (PacketDevice.CapturedFrame f : arrived) {
            if (f.arrivedNanos() >= 0) rt.frameWaited(wallNow - f.arrivedNanos());
            byte[] bytes = f.bytes();
            if (bytes.length < 14) { counters.drop(BridgeCounters.Drop.RUNT); continue; }
            if (f.truncated()) { counters.drop(BridgeCounters.Drop.TRUNCATED); continue; }
            if (echoes != null && echoes.takeEcho(bytes)) { counters.drop(BridgeCounters.Drop.OWN_ECHO); continue; }
            sim.at(at, () -> enterLab(bytes));
        }
        arrived.clear();
    }

    /** A frame from the interface goes out of this port into the lab. */
    private void enterLab(byte[] bytes) {
        if (closed) return;
        if (port.transmit(new Frame(bytes))) counters.countIn(bytes.length);
        else counters.drop(BridgeCounters.Drop.PORT_REFUSED);
    }

    /** A frame the lab delivered to this port is queued for the interface; sent now unless the simulator is behind. */
    private void sendOut(Frame frame, long now) {
        if (!running) { counters.drop(BridgeCounters.Drop.INJECT_FAILED); return; }
        if (echoes != null) echoes.remember(frame.bytes());
        try {
            device.inject(frame.bytes(), 0, frame.length());
            counters.countOut(frame.length());
        } catch (PacketDeviceException ex) {
            lastError = ex.getMessage();
            counters.drop(BridgeCounters.Drop.INJECT_FAILED);
        }
        if (!rt.isBehind()) flushOut();
    }

    /** Sends the frames queued on the device. */
    void flushOut() {
        if (running) device.flush(this::refused);
    }

    /** Starts sending the frames queued on the device, on its own thread where it has one, while the simulator goes on. */
    void flushOutBehind() {
        if (running) device.flushBehind(this::refused);
    }

    private void refused(int length) {
        counters.refused(length);
        lastError = device.lastError();
    }

    /** Sends what is queued, stops serving the interface and releases it. Idempotent; the simulator thread, or no run active. */
    @Override public void close() {
        if (closed) return;
        closed = true;
        if (running) {
            flushOut();
            running = false;
            outside.remove(this);
        }
        counters.kernelDrops(device.kernelDrops());
        device.close();
    }

    @Override public String toString() { return "bridge " + port.name() + " (" + counters + ")"; }
}
