package io.wirelab.link;

import io.wirelab.buffer.Frame;
import io.wirelab.sim.EventSeries;
import io.wirelab.sim.SimRandom;
import io.wirelab.sim.Simulator;


/**
 * A full-duplex point-to-point cable between two ports. Each direction has its own transmitter
 * (serialization at the link's bandwidth, a drop-tail queue in front of it) and its own
 * impairments. Impairments draw from seeded streams named after the sending port.
 */
public final class Link {
    private final Simulator sim;
    private final Port a;
    private final Port b;
    private final Direction aToB;
    private final Direction bToA;
    private boolean up = true;

    public Link(Simulator sim, Port a, Port b, LinkParams aToB, LinkParams bToA) {
        if (a == b) throw new IllegalArgumentException("a link needs two different ports");
        if (a.isConnected()) throw new IllegalStateException(a + " is already linked");
        if (b.isConnected()) throw new IllegalStateException(b + " is already linked");
        this.sim = sim;
        this.a = a;
        this.b = b;
        this.aToB = new Direction(a, b, aToB, sim.random("link/" + a.name() + ">" + b.name()));
        this.bToA = new Direction(b, a, bToA, sim.random("link/" + b.name() + ">" + a.name()));
        a.connect(this);
        b.connect(this);
    }

    public static Link connect(Simulator sim, Port a, Port b, LinkParams both) { return new Link(sim, a, b, both, both); }

    public Port a() { return a; }
    public Port b() { return b; }
    public Port peerOf(Port p) { return p == a ? b : a; }
    public boolean isUp() { return up; }
    /** Cable pulled or plugged back. Frames already on the wire still arrive. */
    public void setUp(boolean up) {
        this.up = up;
        a.changed();
    }

    public LinkParams params(Port from) { return direction(from).params; }
    public void setParams(Port from, LinkParams params) {
        direction(from).params = params;
        a.changed();
    }
    public void setParams(LinkParams params) {
        aToB.params = params;
        bToA.params = params;
        a.changed();
    }

    boolean send(Port from, Frame frame, FloodBatch batch) { return direction(from).send(frame, batch); }

    /** A capture started on from: it is told of the frames already waiting in from's queue when each starts. */
    void tapAdded(Port from) { direction(from).announceQueued(); }

    /** from's taps changed (one added, removed, or answering takesStartsLate differently). */
    void tapsChanged(Port from) { direction(from).tapsChanged(); }

    /** Both directions' taps are told of the queued frames that have started by now (before a delivery, a tap's change). */
    void announceStarted() {
        aToB.announceStarted();
        bToA.announceStarted();
    }

    /** From now on the direction out of from keeps its transmitter's and arrivals' times in slot of fanout's arrays. */
    void bind(Port from, FloodFanout fanout, int slot) { direction(from).bind(fanout, slot); }

    private Direction direction(Port from) {
        if (from == a) return aToB;
        if (from == b) return bToA;
        throw new IllegalArgumentException(from + " is not an end of this link");
    }

    private final class Direction {
        private final Port from;
        private final Port to;
        private final SimRandom random;
        private final String arrivalLabel;
        private long[] transmitStarts = new long[16];  // when each queued frame starts onto the wire: a FIFO ring
        private Frame[] unannounced = new Frame[16];  // beside it: a queued frame no tap has an event for yet, else null
        private int startsHead;
        private int queued;
        private LinkParams params;
        private long transmitterFreeAt;
        private long lastArrival;
        private EventSeries<Frame> tappedStarts;       // the queued frames the taps see start, made at the first
        private FloodFanout fanout;   // when bound, the two times above live in its arrays
        private int slot;
        private EventSeries<Frame> arrivals;           // the frames arriving in order (not reordered), made at the first

        Direction(Port from, Port to, LinkParams params, SimRandom random) {
            this.from = from;
            this.to = to;
            this.params = params;
            this.random = random;
            this.arrivalLabel = to.name() + ": frame arrival";
        }

        void bind(FloodFanout fanout, int slot) {
            fanout.transmitterFreeAt[slot] = transmitterFreeAt;
            fanout.lastArrival[slot] = lastArrival;
            this.fanout = fanout;
            this.slot = slot;
        }

        private long transmitterFreeAt() { return fanout == null ? transmitterFreeAt : fanout.transmitterFreeAt[slot]; }
        private long lastArrival() { return fanout == null ? lastArrival : fanout.lastArrival[slot]; }

        private void setTransmitterFreeAt(long at) {
            if (fanout == null) transmitterFreeAt = at;
            else fanout.transmitterFreeAt[slot] = at;
        }

        private void setLastArrival(long at) {
            if (fanout == null) lastArrival = at;
            else fanout.lastArrival[slot] = at;
        }

        boolean send(Frame frame, FloodBatch batch) {
            long now = sim.now();
            LinkParams p = params;
            if (frame.length() - 14 > p.mtu()) { from.counters().drop(PortCounters.Drop.OVER_MTU); return false; }
            while (queued > 0 && transmitStarts[startsHead] <= now) {
                unannounced[startsHead] = null;
                startsHead = (startsHead + 1) & (transmitStarts.length - 1);
                queued--;
            }
            if (queued >= p.queueFrames()) { from.counters().drop(PortCounters.Drop.QUEUE_FULL); return false; }

            long start = Math.max(now, transmitterFreeAt());
            long end = start + p.serializationNanos(frame.length());
            setTransmitterFreeAt(end);
            // the taps see a queued frame when it starts onto the wire; without taps no event is needed
            boolean tapped = from.hasTaps();
            boolean lost = random.chance(p.loss());
            if (start > now) enqueueStart(start, tapped ? null : frame);
            if (start == now) from.transmitted(frame, now);
            else if (tapped && batch != null) batch.action(start, () -> from.transmitted(frame, start));
            else if (tapped) announce(frame, start, lost);

            if (lost) { from.counters().drop(PortCounters.Drop.LOST); return true; }
            Frame onWire = random.chance(p.corrupt()) ? corrupt(frame) : frame;
            long arrival = end + p.delayNanos() + (p.jitterNanos() > 0 ? random.nextLong(0, p.jitterNanos() + 1) : 0);
            boolean reordered = random.chance(p.reorder());
            if (reordered) {
                arrival += p.reorderDelayNanos();
            } else {
                arrival = Math.max(arrival, lastArrival());
                setLastArrival(arrival);
            }
            scheduleArrival(onWire, arrival, reordered, batch);
            if (random.chance(p.duplicate())) {
                onWire.share();                                // two arrivals of one frame
                scheduleArrival(onWire, arrival, reordered, batch);
            }
            return true;
        }

        private void enqueueStart(long start, Frame notAnnounced) {
            if (queued == transmitStarts.length) {
                long[] bigger = new long[2 * queued];
                Frame[] biggerFrames = new Frame[2 * queued];
                for (int k = 0; k < queued; k++) {
                    bigger[k] = transmitStarts[(startsHead + k) & (queued - 1)];
                    biggerFrames[k] = unannounced[(startsHead + k) & (queued - 1)];
                }
                transmitStarts = bigger;
                unannounced = biggerFrames;
                startsHead = 0;
            }
            int at = (startsHead + queued) & (transmitStarts.length - 1);
            transmitStarts[at] = start;
            unannounced[at] = notAnnounced;
            queued++;
        }

        /**
         * The taps see frame at start, where an event scheduled now would run, without one per frame. When
         * every tap takes starts late (FrameTap.takesStartsLate) the series is lazy: no event at all, the
         * ports run it up to each delivery (the frame's own arrival comes after its start, so its bytes are
         * recorded before anyone may recycle them), and a lost frame, which never arrives, gets its own event.
         */
        private void announce(Frame frame, long start, boolean mayNotArrive) {
            if (tappedStarts == null) tappedStarts = new EventSeries<>(sim, from.name() + ": transmit start", from::tapOutbound);
            boolean lazy = from.tapsTakeStartsLate() && !sim.isRealTime();
            if (lazy != tappedStarts.isLazy() && (!lazy || tappedStarts.size() == 0)) tappedStarts.setLazy(lazy);
            if (mayNotArrive && tappedStarts.isLazy()) sim.at(start, from.name() + ": transmit start", () -> from.transmitted(frame, start));
            else tappedStarts.add(start, frame);
        }

        /** Frames queued before the first tap may be lost or arrive through a flood: each start is an event, lazy series or not. */
        void announceQueued() {
            long now = sim.now();
            for (int k = 0; k < queued; k++) {
                int at = (startsHead + k) & (transmitStarts.length - 1);
                if (unannounced[at] != null && transmitStarts[at] > now) announce(unannounced[at], transmitStarts[at], true);
                unannounced[at] = null;
            }
        }

        /** The lazy transmit starts whose moment has passed are told to the taps now. */
        void announceStarted() {
            if (tappedStarts != null) tappedStarts.runDue();
        }

        /** The taps changed: a lazy series goes back to events unless every tap still takes starts late. */
        void tapsChanged() {
            if (tappedStarts != null && tappedStarts.isLazy() && !from.tapsTakeStartsLate()) tappedStarts.setLazy(false);
        }

        /** Frames in order arrive through one series, each where an event scheduled now would run; reordered ones by their own event. */
        private void scheduleArrival(Frame frame, long at, boolean reordered, FloodBatch batch) {
            if (batch != null) batch.arrival(at, to, frame);
            else if (reordered) sim.at(at, arrivalLabel, () -> to.deliver(frame));
            else {
                if (arrivals == null) arrivals = new EventSeries<>(sim, arrivalLabel, (f, t) -> to.deliver(f));
                arrivals.add(at, frame);
            }
        }

        /** Flips one bit past the Ethernet header; the frame's FCS no longer matches, so the next receiver drops it. */
        private Frame corrupt(Frame frame) {
            byte[] copy = frame.bytes().clone();
            if (copy.length <= 14) return new Frame(copy, true);
            int at = 14 + random.nextInt(copy.length - 14);
            copy[at] ^= (byte) (1 << random.nextInt(8));
            return new Frame(copy, true);
        }
    }
}
