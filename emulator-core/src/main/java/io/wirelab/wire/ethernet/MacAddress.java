package io.wirelab.wire.ethernet;

import io.wirelab.wire.Bytes;

/** A 48-bit IEEE 802 MAC address kept in the low bits of a long. */
public record MacAddress(long bits) implements Comparable<MacAddress> {
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((bits & ~0xffff_ffff_ffffL) != 0) throw new IllegalArgumentException("more than 48 bits");
    }

    /** Parses "02:00:00:00:00:01" (also with '-'). Throws IllegalArgumentException with the reason. */
    public static MacAddress parse(String text) {
        String[] parts = text.trim().split("[:-]");
        if (parts.length != 6) throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex pairs)");
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2) throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex pairs)");
            int d;
            try { d = Integer.parseInt(p, 16); }
            catch (NumberFormatException e) { throw new IllegalArgumentException("'" + text + "' is not a MAC address (six hex pairs)"); }
            v = (v << 8) | d;
        }
        return new MacAddress(v);
    }

    public static MacAddress read(byte[] b, int at) {
        return new MacAddress(((long) Bytes.u16(b, at) << 32) | Bytes.u32(b, at + 2));
    }

    /** A locally administered unicast address (02:..) numbered n; labs hand these out in order. */
    public static MacAddress local(long n) { return new MacAddress(0x0200_0000_0000L | (n & 0xff_ffff_ffffL)); }

    public void write(byte[] b, int at) {
        Bytes.put16(b, at, (int) (bits >>> 32));
        Bytes.putI32(b, at + 2, (int) bits);
    }

    public boolean isBroadcast() { return bits == BROADCAST.bits; }
    /** I/G bit, the lowest bit of the first octet. */
    public boolean isMulticast() { return ((bits >>> 40) & 1) != 0; }
    public boolean isUnicast() { return !isMulticast(); }

    // written out, as the record's generated ones (same values) run through method handles, slowly without C2
    @Override public boolean equals(Object o) { return o instanceof MacAddress m && m.bits == bits; }
    @Override public int hashCode() { return Long.hashCode(bits); }

    @Override public int compareTo(MacAddress o) { return Long.compare(bits, o.bits); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int octet = (int) (bits >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (i > 0) sb.append(':');
        }
        return sb.toString();
    }
}
