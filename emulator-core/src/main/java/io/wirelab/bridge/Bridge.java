package io.wirelab.bridge;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Port;
import io.wirelab.sim.RealTime;
import io.wirelab.sim.Simulator;

/**
 * Attaches a lab port to a real interface. A capture thread reads frames from the PacketDevice
 * and posts them to the simulator (RealTime.post, the only cross-thread path), where they leave
 * this bridge's port into the lab; frames the lab delivers to the port are injected into the
 * interface. The simulator must be in real-time mode. Own injected frames are kept out by the
 * device (inbound-only capture) or, where it cannot, by a filter of recently injected frames.
 */
public final class Bridge implements AutoCloseable {
    public static final int SNAPLEN = 65_535;
    static final int ECHO_MEMORY = 512;

    private final Simulator sim;
    private final String hostInterface;
    private final PacketDevice device;
    private final Port port;
    private final BridgeCounters counters = new BridgeCounters();
    private volatile RecentFrames echoes;
    private volatile boolean running;
    private volatile String lastError = "";
    private boolean closed;
    private Thread captureThread;

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

    /** Opens the interface (promiscuous) and starts capturing. */
    public void start() throws PacketDeviceException {
        RealTime rt = sim.realTime();
        if (rt == null) throw new IllegalStateException("bridge to " + hostInterface + " needs the simulator in real-time mode");
        if (closed || captureThread != null) throw new IllegalStateException("bridge to " + hostInterface + " was already started");
        device.open(hostInterface, true, SNAPLEN);
        if (device.seesOwnFrames()) echoes = new RecentFrames(ECHO_MEMORY);
        running = true;
        captureThread = Thread.ofPlatform().daemon().name("wirelab-bridge-" + hostInterface).start(() -> captureLoop(rt));
    }

    /** Capture thread: reads until close(); hands every usable frame to the simulator thread. */
    private void captureLoop(RealTime rt) {
        while (running) {
            PacketDevice.CapturedFrame f;
            try {
                f = device.next();
            } catch (PacketDeviceException e) {
                lastError = e.getMessage();
                running = false;
                return;
            }
            if (f == null) continue;
            byte[] bytes = f.bytes();
            if (bytes.length < 14) { counters.drop(BridgeCounters.Drop.RUNT); continue; }
            if (f.truncated()) { counters.drop(BridgeCounters.Drop.TRUNCATED); continue; }
            RecentFrames e = echoes;
            if (e != null && e.takeEcho(bytes)) { counters.drop(BridgeCounters.Drop.OWN_ECHO); continue; }
            rt.post(() -> enterLab(bytes));
        }
    }

    /** Simulator thread: a frame from the interface goes out of this port into the lab. */
    private void enterLab(byte[] bytes) {
        if (closed) return;
        if (port.transmit(new Frame(bytes))) counters.countIn(bytes.length);
        else counters.drop(BridgeCounters.Drop.PORT_REFUSED);
    }

    /** Simulator thread: a frame the lab delivered to this port leaves through the interface. */
    private void sendOut(Frame frame, long now) {
        if (!running) { counters.drop(BridgeCounters.Drop.INJECT_FAILED); return; }
        RecentFrames e = echoes;
        if (e != null) e.remember(frame.bytes());
        try {
            device.inject(frame.bytes(), 0, frame.length());
            counters.countOut(frame.length());
        } catch (PacketDeviceException ex) {
            lastError = ex.getMessage();
            counters.drop(BridgeCounters.Drop.INJECT_FAILED);
        }
    }

    /** Stops the capture thread, then releases the interface. Idempotent. */
    @Override public void close() {
        if (closed) return;
        closed = true;
        running = false;
        Thread t = captureThread;
        if (t != null) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException ie) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        device.close();
    }

    @Override public String toString() { return "bridge " + port.name() + " (" + counters + ")"; }
}
