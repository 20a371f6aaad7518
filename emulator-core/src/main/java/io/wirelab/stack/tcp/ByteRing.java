package io.wirelab.stack.tcp;

/** A bounded FIFO of bytes (send and receive buffers). Copies in, copies out; no per-write allocation. */
final class ByteRing {
    private byte[] buf;
    private int head;     // index of the first byte
    private int size;

    ByteRing(int capacity) { buf = new byte[capacity]; }

    int size() { return size; }
    int capacity() { return buf.length; }
    int free() { return buf.length - size; }

    /** Appends up to len bytes; returns how many fit. */
    int write(byte[] b, int off, int len) {
        int n = Math.min(len, free());
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

    /** Grows to capacity (never shrinks), keeping the bytes in order. */
    void grow(int capacity) {
        if (capacity <= buf.length) return;
        byte[] bigger = new byte[capacity];
        peek(0, bigger, 0, size);
        buf = bigger;
        head = 0;
    }
}
