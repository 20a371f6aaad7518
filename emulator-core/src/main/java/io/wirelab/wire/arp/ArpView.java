package io.wirelab.wire.arp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

/**
 * Read-only window onto an ARP packet for Ethernet/IPv4 (RFC 826 "Packet format"). Trailing
 * Ethernet padding after the 28 bytes is ignored. Once validate() returns NONE no accessor throws.
 */
public final class ArpView {
    static final int FIXED = 8;
    private byte[] b;
    private int at;
    private int end;

    public ArpView wrap(byte[] bytes, int offset, int length) {
        b = bytes; at = offset; end = offset + length;
        return this;
    }

    public Malformed validate() {
        if (b == null || at < 0 || end > b.length || end - at < FIXED) return Malformed.TRUNCATED;
        if (hardwareType() != ArpPacket.HTYPE_ETHERNET) return Malformed.UNSUPPORTED_HARDWARE_TYPE;   // RFC 826 ar$hrd
        if (protocolType() != ArpPacket.PTYPE_IPV4) return Malformed.UNSUPPORTED_PROTOCOL_TYPE;      // RFC 826 ar$pro
        if (hardwareLength() != 6 || protocolLength() != 4) return Malformed.BAD_ADDRESS_LENGTH;     // RFC 826 ar$hln, ar$pln
        if (end - at < ArpPacket.LENGTH) return Malformed.TRUNCATED;
        return Malformed.NONE;
    }

    public int hardwareType()           { return Bytes.u16(b, at); }
    public int protocolType()           { return Bytes.u16(b, at + 2); }
    public int hardwareLength()         { return Bytes.u8(b, at + 4); }
    public int protocolLength()         { return Bytes.u8(b, at + 5); }
    public int operation()              { return Bytes.u16(b, at + 6); }
    public MacAddress senderMac()       { return MacAddress.read(b, at + 8); }
    public Ipv4Address senderIp()       { return Ipv4Address.read(b, at + 14); }
    public MacAddress targetMac()       { return MacAddress.read(b, at + 18); }
    public Ipv4Address targetIp()       { return Ipv4Address.read(b, at + 24); }
}
