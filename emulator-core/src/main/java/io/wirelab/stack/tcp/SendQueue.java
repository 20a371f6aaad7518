package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;

/**
 * Bytes written by the application and not yet acknowledged, indexed by sequence number.
 * The first byte has sequence number baseSeq; once the app closes, a FIN follows the last byte
 * (RFC 9293 §3.10.4: the FIN occupies one sequence number after the data).
 */
final class SendQueue {
    private final ByteRing data;
    private int baseSeq;
    private boolean finQueued;

    SendQueue(int capacity, int firstDataSeq) {
        data = new ByteRing(capacity);
        baseSeq = firstDataSeq;
    }

    int write(byte[] b, int off, int len) { return finQueued ? 0 : data.write(b, off, len); }
    int size() { return data.size(); }
    int free() { return finQueued ? 0 : data.free(); }
    int baseSeq() { return baseSeq; }
    /** Sequence number after the last queued data byte: where the FIN goes. */
    int endSeq() { return baseSeq + data.size(); }
    void queueFin() { finQueued = true; }
    boolean finQueued() { return finQueued; }
    int finSeq() { return endSeq(); }

    /** Bytes of data available to send from seq onwards. */
    int availableFrom(int seq) { return Math.max(0, Seq.diff(seq, endSeq())); }

    /** Copies len data bytes starting at sequence number seq. */
    void copy(int seq, byte[] out, int off, int len) { data.peek(Seq.diff(baseSeq, seq), out, off, len); }

    /** Drops data acknowledged by ack (RFC 9293 §3.10.7.4 fifth, "ESTABLISHED"); returns data bytes removed. */
    int acknowledge(int ack) {
        int n = Math.min(Math.max(0, Seq.diff(baseSeq, ack)), data.size());
        data.skip(n);
        baseSeq += n;
        return n;
    }

    void clear() { data.clear(); }

    /** Gives back the storage once every byte is acknowledged. */
    void release() { data.release(); }
    int storage() { return data.arrayLength(); }

    int capacity() { return data.capacity(); }
    void grow(int capacity) { data.grow(capacity); }
}
