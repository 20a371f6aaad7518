package io.wirelab.stack.tcp;

/**
 * A bounded FIFO of bytes (send and receive buffers). Copies in, copies out. The storage grows on
 * demand, as Linux charges a socket only for the skbs it holds: one array doubling from FIRST_STORAGE
 * up to CHUNK bytes, then whole CHUNK-byte chunks added as needed, so a large buffer grows without
 * copying what it holds (at most one chunk's bytes move); release() gives the storage back once empty
 * (a connection in TIME-WAIT or closed). An elastic ring (the receive buffer) stores every byte
 * written even beyond its capacity, as the receiver must accept whatever lies inside a window it
 * advertised (RFC 7323 §2.4 rule 1); free() still counts from the capacity.
 */
final class ByteRing {
    static final int FIRST_STORAGE = 1024;           // a request or response of a few hundred bytes; zeroed per connection
    static final int CHUNK_SHIFT = 14;
    static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int ONE_ARRAY_SHIFT = 30;         // one array (below CHUNK bytes): every position is in chunk 0
    private static final byte[][] NO_STORAGE = new byte[0][];

    private byte[][] chunks = NO_STORAGE;
    private int shift = ONE_ARRAY_SHIFT;
    private int mask = (1 << ONE_ARRAY_SHIFT) - 1;
    private int storage;  // bytes in chunks
    private int capacity;
    private final boolean elastic;
    private int head;     // position of the first byte
    private int size;

    ByteRing(int capacity) { this(capacity, false); }

    ByteRing(int capacity, boolean elastic) {
        this.capacity = capacity;
        this.elastic = elastic;
    }

    int size() { return size; }
    int capacity() { return capacity; }
    /** Bytes of storage held now (at most the capacity rounded up to a chunk, unless elastic). */
    int arrayLength() { return storage; }
    int free() { return Math.max(0, capacity - size); }

    /** Appends up to len bytes; returns how many fit (all of them when elastic). */
    int write(byte[] b, int off, int len) {
        int n = Math.min(len, elastic ? len : free());
        if (n == 0) return 0;
        if (size + n > storage) resize(size + n);
        int p = position(size);
        for (int done = 0; done < n; ) {
            byte[] c = chunks[p >>> shift];
            int in = p & mask;
            int k = Math.min(n - done, c.length - in);
            System.arraycopy(b, off + done, c, in, k);
            done += k;
            p = advance(p, k);
        }
        size += n;
        return n;
    }

    /** Copies len bytes starting at position from (0 = head) without removing them. */
    void peek(int from, byte[] out, int outOff, int len) {
        if (from < 0 || len < 0 || from + len > size) throw new IndexOutOfBoundsException(from + "+" + len + " > " + size);
        int p = position(from);
        for (int done = 0; done < len; ) {
            byte[] c = chunks[p >>> shift];
            int in = p & mask;
            int k = Math.min(len - done, c.length - in);
            System.arraycopy(c, in, out, outOff + done, k);
            done += k;
            p = advance(p, k);
        }
    }

    /** Removes up to n bytes from the head; returns how many were removed. */
    int skip(int n) {
        int k = Math.min(n, size);
        if (k <= 0) return 0;
        head = position(k);
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
        if (size == 0) {
            chunks = NO_STORAGE;
            storage = 0;
            shift = ONE_ARRAY_SHIFT;
            mask = (1 << ONE_ARRAY_SHIFT) - 1;
            head = 0;
        }
    }

    /** Raises the capacity (never lowers it); storage follows as bytes arrive. */
    void grow(int capacity) {
        if (capacity > this.capacity) this.capacity = capacity;
    }

    /** The storage position of the byte at offset from the head (offset at most the storage). */
    private int position(int offset) {
        int p = head + offset;
        return p >= storage ? p - storage : p;
    }

    private int advance(int p, int k) {
        p += k;
        return p == storage ? 0 : p;
    }

    /**
     * Below CHUNK bytes: one array, doubling from FIRST_STORAGE toward the capacity and at least half
     * more than now, so a buffer whose capacity grows a segment per ACK (send-buffer autotuning) copies
     * each byte a bounded number of times; past the capacity (elastic only) an eighth more; never less
     * than needed. From CHUNK bytes on: the chunks needed, added behind the ones held.
     */
    private void resize(int needed) {
        if (shift == CHUNK_SHIFT) { addChunks(needed); return; }
        long n = storage;
        long target = n < capacity ? Math.max(Math.min(Math.max(FIRST_STORAGE, 2 * n), capacity), n + (n >> 1)) : n + (n >> 3);
        int length = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, target));
        if (length > CHUNK) { toChunks(needed); return; }
        byte[] bigger = new byte[length];
        peek(0, bigger, 0, size);
        chunks = new byte[][] {bigger};
        storage = length;
        head = 0;
    }

    /** From one array to chunks: the held bytes (fewer than CHUNK) move to the first chunk. */
    private void toChunks(int needed) {
        byte[][] c = new byte[(needed + CHUNK - 1) >>> CHUNK_SHIFT][];
        for (int k = 0; k < c.length; k++) c[k] = new byte[CHUNK];
        peek(0, c[0], 0, size);
        chunks = c;
        storage = c.length << CHUNK_SHIFT;
        shift = CHUNK_SHIFT;
        mask = CHUNK - 1;
        head = 0;
    }

    /**
     * Adds chunks behind the held bytes: the chunks turn so the head's chunk comes first, the new ones
     * go after the last; bytes that had wrapped into the head's chunk, in front of the head, move to
     * the first new chunk (fewer than CHUNK bytes).
     */
    private void addChunks(int needed) {
        int old = chunks.length, more = (needed - storage + CHUNK - 1) >>> CHUNK_SHIFT;
        int first = head >>> CHUNK_SHIFT, in = head & mask;
        byte[][] c = new byte[old + more][];
        for (int k = 0; k < old; k++) c[k] = chunks[(first + k) % old];
        for (int k = old; k < c.length; k++) c[k] = new byte[CHUNK];
        int wrapped = in + size - storage;                     // bytes in front of the head in its own chunk
        if (wrapped > 0) System.arraycopy(c[0], 0, c[old], 0, wrapped);
        chunks = c;
        storage = c.length << CHUNK_SHIFT;
        head = in;
    }
}
