package io.wirelab.scripting;

/**
 * An amount of data in bytes, as scripts write it: decimal {@code 1.MB}, {@code 64.KB}, binary
 * {@code 1.KiB}, {@code 4.MiB}. Prints in the unit family it divides evenly ("1 MB", "1 KiB").
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
    static final long KB = 1_000, MB = 1_000_000, GB = 1_000_000_000L;
    static final long KIB = 1L << 10, MIB = 1L << 20, GIB = 1L << 30;

    public DataSize {
        if (bytes < 0) throw new IllegalArgumentException("negative size " + bytes + " B");
    }

    public long getBytes() { return bytes; }
    public int toInt() { return Math.toIntExact(bytes); }

    public DataSize plus(DataSize o) { return new DataSize(Math.addExact(bytes, o.bytes)); }
    public DataSize multiply(Number factor) { return new DataSize(UnitMath.whole(factor, bytes, "x " + this, "bytes")); }

    @Override public int compareTo(DataSize o) { return Long.compare(bytes, o.bytes); }

    @Override public String toString() {
        boolean binary = bytes >= KIB && bytes % KIB == 0 && bytes % KB != 0;
        if (binary) {
            if (bytes >= GIB) return UnitMath.decimal(bytes, GIB) + " GiB";
            if (bytes >= MIB) return UnitMath.decimal(bytes, MIB) + " MiB";
            return UnitMath.decimal(bytes, KIB) + " KiB";
        }
        if (bytes >= GB) return UnitMath.decimal(bytes, GB) + " GB";
        if (bytes >= MB) return UnitMath.decimal(bytes, MB) + " MB";
        if (bytes >= KB) return UnitMath.decimal(bytes, KB) + " KB";
        return bytes + " B";
    }
}
