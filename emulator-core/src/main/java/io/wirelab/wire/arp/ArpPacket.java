package io.wirelab.wire.arp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

/** An Ethernet/IPv4 ARP packet (RFC 826), 28 bytes. */
public record ArpPacket(ArpOperation operation, MacAddress senderMac, Ipv4Address senderIp,
                        MacAddress targetMac, Ipv4Address targetIp) {
    public static final int LENGTH = 28;
    public static final int HTYPE_ETHERNET = 1;
    public static final int PTYPE_IPV4 = EtherType.IPV4.value();          // RFC 826: ar$pro is an EtherType

    public static ArpPacket from(ArpView v) {
        return new ArpPacket(ArpOperation.of(v.operation()), v.senderMac(), v.senderIp(), v.targetMac(), v.targetIp());
    }

    /** RFC 826: a request leaves the target hardware address zero ("don't care"). */
    public static ArpPacket request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpPacket(ArpOperation.REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    public static ArpPacket reply(MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) {
        return new ArpPacket(ArpOperation.REPLY, senderMac, senderIp, targetMac, targetIp);
    }

    public int length() { return LENGTH; }

    public void emit(byte[] out, int offset) {
        Bytes.put16(out, offset, HTYPE_ETHERNET);
        Bytes.put16(out, offset + 2, PTYPE_IPV4);
        Bytes.put8(out, offset + 4, 6);
        Bytes.put8(out, offset + 5, 4);
        Bytes.put16(out, offset + 6, operation.value());
        senderMac.write(out, offset + 8);
        senderIp.write(out, offset + 14);
        targetMac.write(out, offset + 18);
        targetIp.write(out, offset + 24);
    }
}
