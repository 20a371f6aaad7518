package io.wirelab.report;

import io.wirelab.report.Packets.Packet;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.Malformed;
import io.wirelab.wire.PacketPrinter;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpView;
import io.wirelab.wire.udp.UdpView;
import java.util.ArrayList;
import java.util.List;

/**
 * A packet decoded layer by layer for the frame inspector, from the wire views the stack itself
 * parses with; the first layer is the frame with its line as {@code wirelab show} prints it. Each
 * layer is one text: its title, then one field per line.
 */
final class FrameDetail {
    private FrameDetail() {}

    static List<String> layers(Packet p, String tcpAnalysis) {
        byte[] b = p.data();
        List<String> out = new ArrayList<>();
        out.add("Frame: " + b.length + " bytes\n" + PacketPrinter.print(b, 0, b.length));
        EthernetView eth = new EthernetView().wrap(b, 0, b.length);
        if (eth.validate() != Malformed.NONE) return out;
        out.add("Ethernet II, Src: " + eth.source() + ", Dst: " + eth.destination()
                + "\nDestination: " + eth.destination() + "\nSource: " + eth.source() + "\nType: " + eth.etherType() + String.format(" (0x%04x)", eth.etherTypeValue()));
        int po = eth.payloadOffset(), pl = eth.payloadLength();
        if (eth.etherTypeValue() == 0x0806) {
            ArpView a = new ArpView().wrap(b, po, pl);
            if (a.validate() == Malformed.NONE)
                out.add("Address Resolution Protocol (" + (a.operation() == 1 ? "request" : a.operation() == 2 ? "reply" : "opcode " + a.operation()) + ")"
                        + "\nOpcode: " + a.operation() + "\nSender MAC address: " + a.senderMac() + "\nSender IP address: " + a.senderIp()
                        + "\nTarget MAC address: " + a.targetMac() + "\nTarget IP address: " + a.targetIp());
            return out;
        }
        if (eth.etherTypeValue() != 0x0800) return out;
        Ipv4View ip = new Ipv4View().wrap(b, po, pl);
        if (ip.validate() != Malformed.NONE) {
            out.add("Internet Protocol Version 4 [malformed: " + ip.validate() + "]");
            return out;
        }
        out.add("Internet Protocol Version 4, Src: " + ip.source() + ", Dst: " + ip.destination()
                + "\nVersion: 4\nHeader Length: " + ip.headerLength() + " bytes"
                + String.format("\nDifferentiated Services Field: 0x%02x", ip.dscpEcn())
                + "\nTotal Length: " + ip.totalLength()
                + String.format("\nIdentification: 0x%04x (%d)", ip.identification(), ip.identification())
                + "\nFlags: " + (ip.dontFragment() ? "Don't fragment" : "") + (ip.moreFragments() ? (ip.dontFragment() ? ", " : "") + "More fragments" : "")
                + "\nFragment Offset: " + ip.fragmentOffset() * 8
                + "\nTime to Live: " + ip.ttl() + "\nProtocol: " + ip.protocol() + " (" + ip.protocolValue() + ")"
                + String.format("\nHeader Checksum: 0x%04x [%s]", ip.headerChecksum(), ip.checksumValid() ? "correct" : "incorrect")
                + "\nSource Address: " + ip.source() + "\nDestination Address: " + ip.destination());
        if (ip.isFragment() && ip.fragmentOffset() != 0) return out;
        int to = ip.payloadOffset(), tl = Math.min(ip.payloadLength(), b.length - to);
        if (ip.protocolValue() == 6) {
            TcpView t = new TcpView().wrap(b, to, tl);
            if (t.validate() != Malformed.NONE) {
                out.add("Transmission Control Protocol [malformed: " + t.validate() + "]");
                return out;
            }
            TcpHeader h = TcpHeader.from(t);
            out.add("Transmission Control Protocol, Src Port: " + t.sourcePort() + ", Dst Port: " + t.destinationPort() + ", Len: " + t.payloadLength()
                    + "\n" + tcpAnalysis
                    + "\nSequence Number (raw): " + Integer.toUnsignedString(t.sequenceNumber())
                    + "\nAcknowledgment Number (raw): " + Integer.toUnsignedString(t.acknowledgmentNumber())
                    + "\nHeader Length: " + t.headerLength() + " bytes"
                    + "\nFlags: " + TcpFlow.flagLabel(t.flags()).replace("/", ", ") + String.format(" (0x%03x)", t.flags())
                    + "\nWindow: " + t.window()
                    + String.format("\nChecksum: 0x%04x [%s]", t.checksum(), t.checksumValid(ip.source(), ip.destination()) ? "correct" : "incorrect")
                    + "\nUrgent Pointer: " + t.urgentPointer()
                    + (h.options().isEmpty() ? "" : "\nOptions: " + h.options())
                    + "\n" + h.describe(t.payloadLength()));
        } else if (ip.protocolValue() == 17) {
            UdpView u = new UdpView().wrap(b, to, tl);
            if (u.validate() != Malformed.NONE) {
                out.add("User Datagram Protocol [malformed: " + u.validate() + "]");
                return out;
            }
            out.add("User Datagram Protocol, Src Port: " + u.sourcePort() + ", Dst Port: " + u.destinationPort()
                    + "\nLength: " + u.length() + String.format("\nChecksum: 0x%04x [%s]", u.checksum(),
                    u.checksumValid(ip.sourceBits(), ip.destinationBits()) ? "correct" : "incorrect"));
            String line = PacketPrinter.print(b, 0, b.length);
            int dns = line.indexOf(" DNS "), dhcp = line.indexOf(" DHCP ");
            if (dhcp >= 0) out.add("Dynamic Host Configuration Protocol\n" + line.substring(dhcp + 1));
            else if (dns >= 0) out.add("Domain Name System\n" + line.substring(dns + 1));
        } else if (ip.protocolValue() == 1 && tl >= 4) {
            String line = PacketPrinter.print(b, 0, b.length);
            out.add("Internet Control Message Protocol\nType: " + Bytes.u8(b, to) + "\nCode: " + Bytes.u8(b, to + 1)
                    + (line.contains(" ICMP ") ? "\n" + line.substring(line.indexOf(" ICMP ") + 1) : ""));
        }
        out.addAll(p.appDetail);
        return out;
    }
}
