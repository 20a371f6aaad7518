package io.wirelab.devices.router;

import io.wirelab.buffer.Frame;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.arp.ArpPacket;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.ethernet.EtherType;
import io.wirelab.wire.ethernet.EthernetHeader;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.List;

/** A port that answers ARP for its address (unless mute) and keeps every IPv4 frame it gets: crafted input, raw output. */
final class RawHost {
    final Port port;
    final MacAddress mac;
    final Ipv4Address ip;
    final List<byte[]> ipv4 = new ArrayList<>();
    final List<Long> arrivals = new ArrayList<>();
    boolean mute;

    RawHost(Simulator sim, String name, MacAddress mac, Ipv4Address ip, Port peer) {
        this.port = new Port(name + ":eth0", sim);
        this.mac = mac;
        this.ip = ip;
        port.attach(this::receive);
        Link.connect(sim, port, peer, LinkParams.DEFAULT.withBandwidth(0));
    }

    private void receive(Frame f, long now) {
        byte[] b = f.bytes();
        int type = Bytes.u16(b, 12);
        if (type == EtherType.IPV4.value()) { ipv4.add(b); arrivals.add(now); return; }
        if (type != EtherType.ARP.value() || mute) return;
        ArpPacket p = ArpPacket.from(new ArpView().wrap(b, EthernetHeader.LENGTH, b.length - EthernetHeader.LENGTH));
        if (p.operation().value() != 1 || !p.targetIp().equals(ip)) return;
        byte[] out = new byte[60];
        new EthernetHeader(p.senderMac(), mac, EtherType.ARP).emit(out, 0);
        ArpPacket.reply(mac, ip, p.senderMac(), p.senderIp()).emit(out, EthernetHeader.LENGTH);
        port.transmit(new Frame(out));
    }

    /** Sends an IPv4 datagram (header and payload) to dstMac. */
    void send(MacAddress dstMac, byte[] datagram) {
        byte[] out = new byte[Math.max(60, EthernetHeader.LENGTH + datagram.length)];
        new EthernetHeader(dstMac, mac, EtherType.IPV4).emit(out, 0);
        System.arraycopy(datagram, 0, out, EthernetHeader.LENGTH, datagram.length);
        port.transmit(new Frame(out));
    }
}
