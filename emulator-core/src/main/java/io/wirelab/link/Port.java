package io.wirelab.link;

import io.wirelab.buffer.Frame;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.FrameProtocol;

import java.util.ArrayList;
import java.util.List;

/**
 * One end of a link, named "device:iface" (e.g. "pc1:eth0", "sw1:p1"). The device behind it
 * attaches a FrameReceiver; the Link behind it carries transmitted frames to the other end.
 */
public final class Port {
    private final String name;
    private final Simulator sim;
    private final PortCounters counters = new PortCounters();
    private final List<FrameTap> taps = new ArrayList<>();
    private boolean tapsKeepFrames;                          // a tap may hold a frame: it is shared, never recycled
    private boolean tapsTakeStartsLate;                      // every tap may be told of a queued frame's start later (Link)
    private FrameReceiver receiver = (f, now) -> {};
    private FloodFilter floodFilter;
    private Link link;
    private FloodFanout fanout;   // the flood of the switch this port belongs to, if any
    private boolean up = true;

    public Port(String name, Simulator sim) {
        this.name = name;
        this.sim = sim;
    }

    public String name() { return name; }
    public Simulator simulator() { return sim; }
    public PortCounters counters() { return counters; }
    public Link link() { return link; }
    public boolean isConnected() { return link != null; }
    /** Administratively up and connected to a link that is up. */
    public boolean isUp() { return up && link != null && link.isUp(); }
    public void setAdminUp(boolean up) {
        this.up = up;
        changed();
    }
    boolean isAdminUp() { return up; }
    FloodFilter floodFilter() { return floodFilter; }

    public void attach(FrameReceiver receiver) { attach(receiver, null); }

    /** As attach(receiver), with a filter that drops flooded frames the receiver does not want, without it. */
    public void attach(FrameReceiver receiver, FloodFilter floodFilter) {
        this.receiver = receiver;
        this.floodFilter = floodFilter;
        changed();
    }
    public void addTap(FrameTap tap) {
        announceStarted();
        taps.add(tap);
        askTaps();
        if (link != null) link.tapAdded(this);
        changed();
    }
    public void removeTap(FrameTap tap) {
        announceStarted();
        taps.remove(tap);
        askTaps();
        changed();
    }

    /** A tap's answer to keepsFrames or takesStartsLate changed (a capture got a second port): the port asks again. */
    public void tapsChanged() {
        announceStarted();
        askTaps();
    }

    private void askTaps() {
        tapsKeepFrames = false;
        tapsTakeStartsLate = !taps.isEmpty();
        for (int i = 0; i < taps.size(); i++) {
            tapsKeepFrames |= taps.get(i).keepsFrames();
            tapsTakeStartsLate &= taps.get(i).takesStartsLate();
        }
        if (link != null) link.tapsChanged(this);
    }

    /**
     * Tells the taps of this port (and of its peer) of every queued frame that has started onto the wire by
     * now and that they have not been told of yet (FrameTap.takesStartsLate): a capture calls it before it
     * writes anything else, flushes or closes.
     */
    public void announceStarted() {
        if (link != null) link.announceStarted();
    }

    boolean hasTaps() { return !taps.isEmpty(); }
    boolean tapsTakeStartsLate() { return tapsTakeStartsLate; }

    void connect(Link link) {
        if (this.link != null) throw new IllegalStateException(name + " is already linked");
        this.link = link;
        changed();
    }

    /** This port is slot of fanout, which counts what it floods out of it. */
    void joined(FloodFanout fanout, int slot) {
        this.fanout = fanout;
        counters.transmitsFor(fanout, slot);
    }

    /** Tells the floods that send out of this port or into it to look at it again. */
    void changed() {
        if (fanout != null) fanout.changed();
        if (link != null && link.peerOf(this).fanout != null) link.peerOf(this).fanout.changed();
    }

    /** Hands a frame to the link. Returns false (and counts why) if it never left the port. */
    public boolean transmit(Frame frame) { return transmit(frame, null); }

    /** As transmit(frame), with the frame's arrival collected in an open batch (a flood) instead of scheduled alone. */
    public boolean transmit(Frame frame, FloodBatch batch) {
        if (batch != null && !batch.isOpen()) throw new IllegalStateException("flood batch not open");
        if (!isUp()) { counters.drop(PortCounters.Drop.PORT_DOWN); return false; }
        if (batch != null) frame.share();                     // a flood's receivers all hold it
        if (!link.send(this, frame, batch)) return false;
        counters.countTx(frame.length());
        return true;
    }

    /**
     * Called by the link when a frame starts onto the wire (after any wait in the queue), the moment
     * tcpdump on a real interface sees it. Frames the queue or the MTU check refuse never get here.
     */
    void transmitted(Frame frame, long at) {
        announceStarted();
        tapOutbound(frame, at);
    }

    /** As transmitted, for a queued frame in the order of its start (the link's series of starts). */
    void tapOutbound(Frame frame, long at) {
        if (tapsKeepFrames) frame.share();
        for (int i = 0; i < taps.size(); i++) taps.get(i).onFrame(this, FrameTap.Direction.OUTBOUND, frame, at);
    }

    /**
     * Called by the link when a frame has fully arrived at this end. Taps see every frame, a corrupted
     * one too (flagged in pcapng); the device behind the port never gets one. An exception from the device
     * behind the port drops that frame only: it is counted and reported (Simulator.faults()).
     */
    void deliver(Frame frame) { deliver(frame, null); }

    /** As deliver(frame) for one of a flood's receivers: the port's flood filter may count and drop it first. */
    void deliver(Frame frame, SharedFrame shared) {
        announceStarted();                                    // the frame's own start, and this port's before its arrival
        if (!up) { counters.drop(PortCounters.Drop.PORT_DOWN); return; }
        long now = sim.now();
        if (tapsKeepFrames) frame.share();
        for (int i = 0; i < taps.size(); i++) taps.get(i).onFrame(this, FrameTap.Direction.INBOUND, frame, now);
        // IEEE 802.3 §3.2.9: a frame whose FCS does not match is discarded by the receiving MAC (Linux rx_crc_errors)
        if (frame.fcsError()) { counters.drop(PortCounters.Drop.FCS_ERROR); return; }
        counters.countRx(frame.length());
        if (shared != null && floodFilter != null && floodFilter.countedAndDropped(shared)) return;
        try {
            receiver.receive(frame, now);
        } catch (RuntimeException | StackOverflowError e) {
            counters.drop(PortCounters.Drop.HANDLER_FAULT);
            sim.faults().record(deviceName(), FrameProtocol.kind(frame.bytes()), FrameProtocol.describe(frame.bytes()), e, now);
        }
    }

    /** "pc1" for the port "pc1:eth0". */
    public String deviceName() {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    @Override public String toString() { return name; }
}
