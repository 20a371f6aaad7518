package io.wirelab.stack;

import io.wirelab.buffer.Frame;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.arp.ArpOperation;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.udp.UdpView;

import java.util.function.Function;

/**
 * What FloodSieve needs to know of a flooded frame, parsed once for all its receivers with the same
 * views and checks the receive path uses. Only the kinds every receiver either drops after counting or
 * hands to the full path are told apart; anything else (malformed included) is OTHER, for the full path.
 */
final class FloodedFrame {
    enum Kind {
        /** A well-formed frame to a unicast or multicast MAC: dropped by every station but the one it is for. */
        NOT_BROADCAST,
        /** A well-formed broadcast ARP request from a unicast sender that is not a broadcast or multicast address. */
        ARP_REQUEST,
        /** A well-formed, unfragmented broadcast UDP datagram to 255.255.255.255, checksums valid, from a usable source. */
        UDP_BROADCAST,
        OTHER
    }

    static final Function<Frame, FloodedFrame> PARSE = FloodedFrame::parse;
    private static final FloodedFrame OTHER = new FloodedFrame(Kind.OTHER, 0, 0, 0, 0, 0, 0);

    final Kind kind;
    final long destinationMac;
    final long sourceMac;
    /** ARP: the sender's hardware address. */
    final long senderMac;
    /** ARP: the sender's protocol address; UDP: the IPv4 source. */
    final int senderIp;
    /** ARP: the target protocol address. */
    final int targetIp;
    /** UDP: the destination port. */
    final int port;

    private FloodedFrame(Kind kind, long destinationMac, long sourceMac, long senderMac, int senderIp, int targetIp, int port) {
        this.kind = kind;
        this.destinationMac = destinationMac;
        this.sourceMac = sourceMac;
        this.senderMac = senderMac;
        this.senderIp = senderIp;
        this.targetIp = targetIp;
        this.port = port;
    }

    static FloodedFrame parse(Frame frame) {
        if (frame.fcsError()) return OTHER;
        byte[] b = frame.bytes();
        EthernetView eth = new EthernetView();
        if (eth.wrap(b, 0, b.length).validate() != Malformed.NONE) return OTHER;
        long dst = eth.destinationBits(), src = eth.sourceBits();
        if (!eth.isBroadcast()) return new FloodedFrame(Kind.NOT_BROADCAST, dst, src, 0, 0, 0, 0);
        int off = eth.payloadOffset(), len = eth.payloadLength();
        int type = eth.etherTypeValue();
        if (type == EtherType.ARP.value()) return arp(b, off, len, dst, src);
        if (type == EtherType.IPV4.value()) return udp(b, off, len, dst, src);
        return OTHER;
    }

    private static FloodedFrame arp(byte[] b, int off, int len, long dst, long src) {
        ArpView v = new ArpView();
        if (v.wrap(b, off, len).validate() != Malformed.NONE || v.operation() != ArpOperation.REQUEST.value()) return OTHER;
        if (!v.senderMac().isUnicast() || v.senderIp().isLimitedBroadcast() || v.senderIp().isMulticast()) return OTHER;
        return new FloodedFrame(Kind.ARP_REQUEST, dst, src, v.senderMac().bits(), v.senderIp().bits(), v.targetIp().bits(), 0);
    }

    private static FloodedFrame udp(byte[] b, int off, int len, long dst, long src) {
        Ipv4View ip = new Ipv4View();
        if (ip.wrap(b, off, len).validate() != Malformed.NONE || !ip.checksumValid() || ip.isFragment()) return OTHER;
        if (ip.protocolValue() != IpProtocol.UDP.value() || ip.destinationBits() != -1) return OTHER;
        if (ip.source().isLimitedBroadcast() || ip.source().isMulticast()) return OTHER;
        UdpView udp = new UdpView();
        if (udp.wrap(b, ip.payloadOffset(), ip.payloadLength()).validate() != Malformed.NONE) return OTHER;
        if (!udp.checksumValid(ip.sourceBits(), ip.destinationBits())) return OTHER;
        return new FloodedFrame(Kind.UDP_BROADCAST, dst, src, 0, ip.sourceBits(), 0, udp.destinationPort());
    }
}
