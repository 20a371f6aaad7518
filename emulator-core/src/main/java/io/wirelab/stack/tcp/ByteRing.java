package io.wirelab.stack.tcp;

/**
 * A bounded FIFO of bytes (send and receive buffers). Copies in, copies out. The storage grows on
 * demand, doubling from FIRST_STORAGE bytes up to the capacity, as Linux charges a socket only for
 * the skbs it holds; release() gives it back once empty (a connection in TIME-WAIT or closed).
 * An elastic ring (the receive buffer) stores every byte written even beyond its capacity, as the
 * receiver must accept whatever lies inside a window it advertised (RFC 7323 §2.4 rule 1); free()
 * still counts from the capacity.
 */
final class ByteRing {
    static final int FIRST_STORAGE = 4096;
    private static final byte[] NO_STORAGE = new byte[0];

    private byte[] buf = NO_STORAGE;
    private int capacity;
    private final boolean elastic;
    private int head;     // index of the first byte
    private int size;

    ByteRing(int capacity) { this(capacity, false); }

    ByteRing(int capacity, boolean elastic) {
        this.capacity = capacity;
        this.elastic = elastic;
    }

    int size() { return size; }
    int capacity() { return capacity; }
    /** Bytes of storage held now (at most the capacity, unless elastic). */
    int arrayLength() { return buf.length; }
    int free() { return Math.max(0, capacity - size); }

    /** Appends up to len bytes; returns how many fit (all of them when elastic). */
    int write(byte[] b, int off, int len) {
        int n = Math.min(len, elastic ? len : free());
        if (n == 0) return 0;
        if (size + n > buf.length) resize(storageFor(size + n));
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
        if (len == 0) return;
        int start = (head + from) % buf.length;
        int first = Math.min(len, buf.length - start);
        System.arraycopy(buf, start, out, outOff, first);
        System.arraycopy(buf, 0, out, outOff + first, len - first);
    }

    /** Removes up to n bytes from the head; returns how many were removed. */
    int skip(int n) {
        int k = Math.min(n, size);
        if (k <= 0) return 0;
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

    /** Drops the storage if no byte is held; the next write allocates again. */
    void release() {
        if (size == 0) { buf = NO_STORAGE; head = 0; }
    }

    /** Raises the capacity (never lowers it); storage follows as bytes arrive. */
    void grow(int capacity) {
        if (capacity > this.capacity) this.capacity = capacity;
    }

    /**
     * Doubling from FIRST_STORAGE toward the capacity, and at least half more than now, so a buffer whose
     * capacity grows a segment per ACK (send-buffer autotuning) copies each byte a bounded number of times;
     * past the capacity (elastic only) an eighth more; never less than needed.
     */
    private int storageFor(int needed) {
        long n = buf.length;
        long target = n < capacity ? Math.max(Math.min(Math.max(FIRST_STORAGE, 2 * n), capacity), n + (n >> 1)) : n + (n >> 3);
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, target));
    }

    private void resize(int length) {
        byte[] bigger = new byte[length];
        peek(0, bigger, 0, size);
        buf = bigger;
        head = 0;
    }
}
