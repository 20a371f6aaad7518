package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Port;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;

/** One Ethernet interface of a stack: a port, a MAC, an MTU and at most one IPv4 address. */
public final class NetInterface {
    /** RFC 894: the IP MTU of Ethernet II. */
    public static final int ETHERNET_MTU = 1500;
    /** RFC 791 §3.1: every host must accept 68-octet datagrams unfragmented. */
    public static final int MIN_MTU = 68;

    private final String name;
    private final Port port;
    private final MacAddress mac;
    private int mtu = ETHERNET_MTU;
    private Ipv4Cidr cidr;
    private FloodSieve sieve;

    NetInterface(String name, Port port, MacAddress mac) {
        this.name = name;
        this.port = port;
        this.mac = mac;
    }

    public String name() { return name; }
    public Port port() { return port; }
    public MacAddress mac() { return mac; }
    public int mtu() { return mtu; }

    public void setMtu(int mtu) {
        if (mtu < MIN_MTU || mtu > 65535) throw new IllegalArgumentException("mtu " + mtu + " is not in " + MIN_MTU + "..65535");
        this.mtu = mtu;
    }

    /** Static IPv4 configuration: address and prefix; the connected route follows from it. */
    public void configure(Ipv4Cidr cidr) {
        if (cidr.address().isAny() || cidr.address().isLimitedBroadcast() || cidr.address().isMulticast())
            throw new IllegalArgumentException(cidr + " is not a unicast host address");
        this.cidr = cidr;
        if (sieve != null) sieve.addressChanged(cidr);
    }

    public void clearAddress() {
        cidr = null;
        if (sieve != null) sieve.addressChanged(null);
    }

    void setSieve(FloodSieve sieve) {
        this.sieve = sieve;
        sieve.addressChanged(cidr);
    }

    FloodSieve sieve() { return sieve; }

    /** The configured address with prefix, or null when unconfigured. */
    public Ipv4Cidr cidr() { return cidr; }

    /** The configured address, or null when unconfigured. */
    public Ipv4Address address() { return cidr == null ? null : cidr.address(); }

    /** Whether a is this interface's subnet-directed broadcast (not for /31 and /32, RFC 3021). */
    public boolean isSubnetBroadcast(Ipv4Address a) {
        return cidr != null && cidr.prefixLength() < 31 && a != null && (cidr.address().bits() | ~cidr.mask()) == a.bits();
    }

    boolean transmit(Frame frame) { return port.transmit(frame); }

    @Override public String toString() { return port.name(); }
}
