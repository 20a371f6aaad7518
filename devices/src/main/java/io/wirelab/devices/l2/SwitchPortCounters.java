package io.wirelab.devices.l2;

import io.wirelab.link.FloodFanout;

/**
 * What the switch did with frames on one of its ports. rx counts frames the switch took in on the
 * port, tx frames it sent out of it (flooded ones included), flooded the part of tx that was a
 * flood (counted by the switch's FloodFanout), filtered frames that came in on the port for a station
 * on that same port.
 */
public final class SwitchPortCounters {
    private final FloodFanout fanout;
    private final int port;
    private long rxFrames, unicastTx, filtered;

    SwitchPortCounters(FloodFanout fanout, int port) {
        this.fanout = fanout;
        this.port = port;
    }

    void countRx() { rxFrames++; }
    void countTx() { unicastTx++; }
    void countFiltered() { filtered++; }

    public long rxFrames() { return rxFrames; }
    public long txFrames() { return unicastTx + flooded(); }
    public long flooded() { return fanout.flooded(port); }
    public long filtered() { return filtered; }

    @Override public String toString() {
        return "rx " + rxFrames() + " tx " + txFrames() + " flooded " + flooded() + " filtered " + filtered;
    }
}
