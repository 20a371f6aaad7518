package io.wirelab.devices.l2;

/**
 * What the switch did with frames on one of its ports. rx counts frames the switch took in on the
 * port, tx frames it sent out of it (flooded ones included), flooded the part of tx that was a
 * flood, filtered frames that came in on the port for a station on that same port.
 */
public final class SwitchPortCounters {
    private long rxFrames, txFrames, flooded, filtered;

    void countRx() { rxFrames++; }
    void countTx(boolean flood) { txFrames++; if (flood) flooded++; }
    void countFiltered() { filtered++; }

    public long rxFrames() { return rxFrames; }
    public long txFrames() { return txFrames; }
    public long flooded() { return flooded; }
    public long filtered() { return filtered; }

    @Override public String toString() {
        return "rx " + rxFrames + " tx " + txFrames + " flooded " + flooded + " filtered " + filtered;
    }
}
