package io.wirelab.wire.ipv4;

/** An interface address with its prefix, "10.0.0.1/24". */
public record Ipv4Cidr(Ipv4Address address, int prefixLength) {
    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0..32");
    }

    public static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("'" + text + "' needs a prefix length, e.g. 10.0.0.1/24");
        String len = text.substring(slash + 1).trim();
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit))
            throw new IllegalArgumentException("'" + text + "': prefix length must be a number 0..32");
        return new Ipv4Cidr(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    public int mask() { return prefixLength == 0 ? 0 : -1 << (32 - prefixLength); }
    public Ipv4Address netmask() { return new Ipv4Address(mask()); }
    public Ipv4Address network() { return new Ipv4Address(address.bits() & mask()); }
    public Ipv4Address broadcast() { return new Ipv4Address(address.bits() | ~mask()); }
    public boolean contains(Ipv4Address a) { return (a.bits() & mask()) == (address.bits() & mask()); }

    @Override public String toString() { return address + "/" + prefixLength; }
}
