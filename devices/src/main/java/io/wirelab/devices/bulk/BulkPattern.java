package io.wirelab.devices.bulk;

/** The bytes a bulk sender writes: a repeating, position-dependent pattern, so any reordering shows. */
final class BulkPattern {
    private BulkPattern() {}

    static byte at(long position) { return (byte) (position * 31 + (position >>> 8)); }

    static void fill(byte[] b, int off, int len, long position) {
        for (int i = 0; i < len; i++) b[off + i] = at(position + i);
    }
}
