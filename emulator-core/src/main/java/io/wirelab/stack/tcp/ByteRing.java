package io.wirelab.stack.tcp;

/**
 * A bounded FIFO of bytes (send and receive buffers). Copies in, copies out; no per-write allocation.
 * An elastic ring (the receive buffer) stores every byte written even beyond its capacity, as the
 * receiver must accept whatever lies inside a window it advertised (RFC 7323 §2.4 rule 1); free()
 * still counts from the capacity.
 */
final class ByteRing {
    private byte[] buf;
    private int capacity;
    private final boolean elastic;
    private int head;     // index of the first byte
    private int size;

    ByteRing(int capacity) { this(capacity, false); }

    ByteRing(int capacity, boolean elastic) {
        buf = new byte[capacity];
        this.capacity = capacity;
        this.elastic = elastic;
    }

    int size() { return size; }
    int capacity() { return capacity; }
    int arrayLength() { return buf.length; }
    int free() { return Math.max(0, capacity - size); }

    /** Appends up to len bytes; returns how many fit (all of them when elastic). */
    int write(byte[] b, int off, int len) {
        if (elastic && size + len > buf.length) resize(Math.max(size + len, buf.length + (buf.length >> 3)));
        int n = Math.min(len, elastic ? len : free());
        int tail = (head + size) % buf.length;
        int first = Math.min(n, buf.length - tail);
        System.arraycopy(b, off, buf, tail, first);
        System.arraycopy(b, off + first, buf, 0, n - first);
        size += n;
        return n;
    }

    /** Copies len bytes starting at position from (0 = head) without removing them. */
    void peek(int from, byte[] out, int outOff, int len) {
        if (from < 0 || len < 0 || from + len > size) throw new IndexOutOfBoundsException(from + "+" + len + " > " + size);
        int start = (head + from) % buf.length;
        int first = Math.min(len, buf.length - start);
        System.arraycopy(buf, start, out, outOff, first);
        System.arraycopy(buf, 0, out, outOff + first, len - first);
    }

    /** Removes up to n bytes from the head; returns how many were removed. */
    int skip(int n) {
        int k = Math.min(n, size);
        head = (head + k) % buf.length;
        size -= k;
        if (size == 0) head = 0;
        return k;
    }

    /** Reads and removes up to len bytes. */
    int read(byte[] out, int off, int len) {
        int n = Math.min(len, size);
        peek(0, out, off, n);
        skip(n);
        return n;
    }

    void clear() { head = 0; size = 0; }

    /**
     * Grows to capacity (never shrinks), keeping the bytes in order. The array grows by at least half its
     * length, so a buffer grown a segment per ACK (send-buffer autotuning) copies each byte a bounded
     * number of times, not once per ACK.
     */
    void grow(int capacity) {
        if (capacity <= this.capacity) return;
        this.capacity = capacity;
        if (capacity > buf.length) resize((int) Math.min(Integer.MAX_VALUE - 8, Math.max(capacity, buf.length + (long) (buf.length >> 1))));
    }

    private void resize(int length) {
        byte[] bigger = new byte[length];
        peek(0, bigger, 0, size);
        buf = bigger;
        head = 0;
    }
}
