package io.wirelab.link;

/** Frames and bytes through one port, and drops by reason. Single-threaded, like the simulation. */
public final class PortCounters {
    public enum Drop {
        PORT_DOWN, QUEUE_FULL, LOST, OVER_MTU,
        /** Arrived with a bad frame check sequence (a link corrupted it); rx_crc_errors in Linux. */
        FCS_ERROR,
        /** The device behind the port threw while handling the frame (see Simulator.faults()). */
        HANDLER_FAULT
    }

    private long txFrames, txBytes, rxFrames, rxBytes;
    private final long[] drops = new long[Drop.values().length];
    private FloodFanout sender, receiver;   // floods that count this port's transmissions, its receptions, in their arrays
    private int senderSlot, receiverSlot;

    void countTx(int bytes) { txFrames++; txBytes += bytes; }
    void countRx(int bytes) { rxFrames++; rxBytes += bytes; }
    public void drop(Drop reason) { drops[reason.ordinal()]++; }

    void transmitsFor(FloodFanout fanout, int slot) { sender = fanout; senderSlot = slot; }
    void receivesFrom(FloodFanout fanout, int slot) { receiver = fanout; receiverSlot = slot; }

    public long txFrames() { return txFrames + (sender == null ? 0 : sender.txFrames[senderSlot]); }
    public long txBytes() { return txBytes + (sender == null ? 0 : sender.txBytes[senderSlot]); }
    public long rxFrames() { return rxFrames + (receiver == null ? 0 : receiver.rxFrames[receiverSlot]); }
    public long rxBytes() { return rxBytes + (receiver == null ? 0 : receiver.rxBytes[receiverSlot]); }
    public long drops(Drop reason) { return drops[reason.ordinal()]; }
    public long totalDrops() { long s = 0; for (long d : drops) s += d; return s; }
}
