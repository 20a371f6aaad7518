package io.wirelab.wire.ipv4;

import io.wirelab.wire.Bytes;

/** An IPv4 address as its 32 bits. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    /** Parses dotted quad "10.0.0.1"; throws IllegalArgumentException naming the problem. */
    public static Ipv4Address parse(String text) {
        String t = text.trim();
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (four numbers 0-255 joined by dots)");
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit))
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (four numbers 0-255 joined by dots)");
            int n = Integer.parseInt(p);
            if (n > 255) throw new IllegalArgumentException("'" + text + "': " + n + " is larger than 255");
            v = (v << 8) | n;
        }
        return new Ipv4Address(v);
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        return new Ipv4Address((a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff));
    }

    public static Ipv4Address read(byte[] b, int at) { return new Ipv4Address(Bytes.i32(b, at)); }

    public void write(byte[] b, int at) { Bytes.putI32(b, at, bits); }

    public boolean isAny() { return bits == 0; }
    public boolean isLimitedBroadcast() { return bits == -1; }
    /** 224.0.0.0/4, RFC 5771. */
    public boolean isMulticast() { return isMulticast(bits); }
    public static boolean isMulticast(int bits) { return (bits >>> 28) == 0xe; }
    public boolean isLoopback() { return (bits >>> 24) == 127; }

    public Ipv4Address plus(int n) { return new Ipv4Address(bits + n); }

    // written out, as the record's generated ones (same values) run through method handles, slowly without C2
    @Override public boolean equals(Object o) { return o instanceof Ipv4Address a && a.bits == bits; }
    @Override public int hashCode() { return bits; }

    @Override public int compareTo(Ipv4Address o) { return Integer.compareUnsigned(bits, o.bits); }

    @Override public String toString() {
        return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
