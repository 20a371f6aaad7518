package io.wirelab.labs.live;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.tcp.TcpView;

import java.util.HexFormat;

/** Finds the client random of a TLS ClientHello at the start of a TCP segment in an Ethernet frame. */
final class TlsClientHellos {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int PROTOCOL_TCP = 6;
    private static final int CONTENT_HANDSHAKE = 22;     // RFC 8446 §5.1
    private static final int CLIENT_HELLO = 1;           // RFC 8446 §4
    private static final int RANDOM_OFFSET = 11;         // record header 5, handshake header 4, legacy_version 2
    private static final int RANDOM_LENGTH = 32;

    private TlsClientHellos() {}

    /** The client random as lower-case hex (as NSS key logs write it), or null when frame holds no ClientHello. */
    static String clientRandom(byte[] frame) {
        int at = EthernetHeader.LENGTH;
        if (frame.length < at) return null;
        int type = Bytes.u16(frame, 12);
        if (type == ETHERTYPE_VLAN && frame.length >= at + 4) {
            type = Bytes.u16(frame, 16);
            at += 4;
        }
        if (type != ETHERTYPE_IPV4 || frame.length < at + 20) return null;
        Ipv4View ip = new Ipv4View().wrap(frame, at, frame.length - at);
        if (ip.version() != 4 || ip.protocolValue() != PROTOCOL_TCP || ip.fragmentOffset() != 0 || ip.headerLength() < 20) return null;
        int ipEnd = Math.min(frame.length, at + ip.totalLength());
        int tcpAt = ip.payloadOffset();
        if (ipEnd - tcpAt < TcpView.MIN_LENGTH) return null;
        TcpView tcp = new TcpView().wrap(frame, tcpAt, ipEnd - tcpAt);
        int payload = tcpAt + tcp.headerLength();
        if (tcp.headerLength() < TcpView.MIN_LENGTH || ipEnd - payload < RANDOM_OFFSET + RANDOM_LENGTH) return null;
        if (frame[payload] != CONTENT_HANDSHAKE || frame[payload + 1] != 3 || frame[payload + 5] != CLIENT_HELLO) return null;
        return HexFormat.of().formatHex(frame, payload + RANDOM_OFFSET, payload + RANDOM_OFFSET + RANDOM_LENGTH);
    }
}
