package io.wirelab.wire.filter;

import io.wirelab.wire.Malformed;
import io.wirelab.wire.arp.ArpView;
import io.wirelab.wire.dhcp.DhcpMessage;
import io.wirelab.wire.dns.DnsHeader;
import io.wirelab.wire.dns.DnsMessage;
import io.wirelab.wire.dns.DnsQuestion;
import io.wirelab.wire.dns.DnsRdata;
import io.wirelab.wire.dns.DnsRecord;
import io.wirelab.wire.ethernet.EthernetView;
import io.wirelab.wire.icmpv4.Icmpv4View;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4View;
import io.wirelab.wire.tcp.TcpView;
import io.wirelab.wire.udp.UdpView;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the frames of one capture, in order, into {@link DecodedFrame}s with Wireshark's field names.
 * Stateful across frames: TCP analysis, frame.time_relative/delta and http.time/http.request_in (the
 * oldest unanswered request of the same TCP stream). Malformed layers end decoding at the layer below.
 * Unlike Wireshark, HTTP fields sit on the segment that carries the start line and headers (no
 * reassembly), and TLS is decoded from each segment that starts at a record boundary.
 */
public final class FrameDecoder {
    private final TcpAnalysis tcp = new TcpAnalysis();
    /** Per TCP stream, {frame number, time} of each request not yet answered. */
    private final Map<Long, ArrayDeque<long[]>> pendingHttp = new HashMap<>();
    private long frames;
    private long firstNanos = -1;
    private long previousNanos;

    public DecodedFrame decode(long timeNanos, byte[] b, int originalLength) {
        DecodedFrame f = new DecodedFrame(++frames, timeNanos);
        if (firstNanos < 0) {
            firstNanos = timeNanos;
            previousNanos = timeNanos;
        }
        f.present("frame");
        f.put("frame.number", frames);
        f.put("frame.len", (long) originalLength);
        f.put("frame.cap_len", (long) b.length);
        f.put("frame.time_relative", seconds(timeNanos - firstNanos));
        f.put("frame.time_delta", seconds(timeNanos - previousNanos));
        previousNanos = timeNanos;
        EthernetView eth = new EthernetView().wrap(b, 0, b.length);
        if (eth.validate() != Malformed.NONE) return f;
        f.present("eth");
        f.put("eth.src", eth.source());
        f.put("eth.dst", eth.destination());
        f.put("eth.addr", eth.source());
        f.put("eth.addr", eth.destination());
        f.put("eth.type", (long) eth.etherTypeValue());
        int po = eth.payloadOffset(), pl = eth.payloadLength();
        if (eth.etherTypeValue() == 0x0806) arp(f, b, po, pl);
        else if (eth.etherTypeValue() == 0x0800) ipv4(f, b, po, pl, timeNanos);
        return f;
    }

    static double seconds(long nanos) { return nanos / 1e9; }

    private static void arp(DecodedFrame f, byte[] b, int off, int len) {
        ArpView v = new ArpView().wrap(b, off, len);
        if (v.validate() != Malformed.NONE) return;
        f.present("arp");
        f.put("arp.opcode", (long) v.operation());
        f.put("arp.src.hw_mac", v.senderMac());
        f.put("arp.src.proto_ipv4", v.senderIp());
        f.put("arp.dst.hw_mac", v.targetMac());
        f.put("arp.dst.proto_ipv4", v.targetIp());
    }

    private void ipv4(DecodedFrame f, byte[] b, int off, int len, long timeNanos) {
        Ipv4View ip = new Ipv4View().wrap(b, off, len);
        if (ip.validate() != Malformed.NONE) return;
        f.present("ip");
        f.put("ip.version", (long) ip.version());
        f.put("ip.hdr_len", (long) ip.headerLength());
        f.put("ip.dsfield", (long) ip.dscpEcn());
        f.put("ip.len", (long) ip.totalLength());
        f.put("ip.id", (long) ip.identification());
        f.put("ip.flags.df", ip.dontFragment() ? 1L : 0L);
        f.put("ip.flags.mf", ip.moreFragments() ? 1L : 0L);
        f.put("ip.frag_offset", (long) ip.fragmentOffset() * 8);
        f.put("ip.ttl", (long) ip.ttl());
        f.put("ip.proto", (long) ip.protocolValue());
        f.put("ip.checksum", (long) ip.headerChecksum());
        f.put("ip.src", ip.source());
        f.put("ip.dst", ip.destination());
        f.put("ip.addr", ip.source());
        f.put("ip.addr", ip.destination());
        if (ip.isFragment()) return;   // no reassembly: a fragment's transport header is not decoded
        int po = ip.payloadOffset(), pl = ip.payloadLength();
        switch (ip.protocolValue()) {
            case 1 -> icmp(f, b, po, pl);
            case 6 -> tcp(f, ip, b, po, pl, timeNanos);
            case 17 -> udp(f, b, po, pl);
            default -> { }
        }
    }

    private static void icmp(DecodedFrame f, byte[] b, int off, int len) {
        Icmpv4View v = new Icmpv4View().wrap(b, off, len);
        if (v.validate() != Malformed.NONE) return;
        f.present("icmp");
        f.put("icmp.type", (long) v.type());
        f.put("icmp.code", (long) v.code());
        f.put("icmp.checksum", (long) v.checksum());
        if (v.type() == 0 || v.type() == 8) {
            f.put("icmp.ident", (long) v.identifier());
            f.put("icmp.seq", (long) v.sequence());
        }
    }

    private static void udp(DecodedFrame f, byte[] b, int off, int len) {
        UdpView u = new UdpView().wrap(b, off, len);
        if (u.validate() != Malformed.NONE) return;
        f.present("udp");
        int sp = u.sourcePort(), dp = u.destinationPort();
        f.put("udp.srcport", (long) sp);
        f.put("udp.dstport", (long) dp);
        f.put("udp.port", (long) sp);
        f.put("udp.port", (long) dp);
        f.put("udp.length", (long) u.length());
        f.put("udp.checksum", (long) u.checksum());
        if ((sp == 67 || sp == 68) && (dp == 67 || dp == 68)) dhcp(f, b, u.payloadOffset(), u.payloadLength());
        else if (sp == 53 || dp == 53) dns(f, b, u.payloadOffset(), u.payloadLength());
    }

    private static void dhcp(DecodedFrame f, byte[] b, int off, int len) {
        DhcpMessage.Parsed p = DhcpMessage.parse(b, off, len);
        if (!p.ok()) return;
        DhcpMessage m = p.message();
        f.present("dhcp");
        f.put("dhcp.type", (long) m.op());
        f.put("dhcp.hw.type", (long) m.htype());
        f.put("dhcp.hops", (long) m.hops());
        f.put("dhcp.id", m.xid() & 0xffff_ffffL);
        f.put("dhcp.secs", (long) m.secs());
        f.put("dhcp.flags.bc", m.broadcastFlag() ? 1L : 0L);
        f.put("dhcp.ip.client", m.ciaddr());
        f.put("dhcp.ip.your", m.yiaddr());
        f.put("dhcp.ip.server", m.siaddr());
        f.put("dhcp.ip.relay", m.giaddr());
        f.put("dhcp.hw.mac_addr", m.clientMac());
        var o = m.options();
        if (m.messageType() != null) f.put("dhcp.option.dhcp", (long) m.messageType().code());
        if (o.requestedAddress() != null) f.put("dhcp.option.requested_ip_address", o.requestedAddress());
        if (o.serverIdentifier() != null) f.put("dhcp.option.dhcp_server_id", o.serverIdentifier());
        if (o.subnetMask() != null) f.put("dhcp.option.subnet_mask", o.subnetMask());
        for (Ipv4Address r : o.routers()) f.put("dhcp.option.router", r);
        for (Ipv4Address d : o.dnsServers()) f.put("dhcp.option.domain_name_server", d);
        if (o.hostName() != null) f.put("dhcp.option.hostname", o.hostName());
        if (o.domainName() != null) f.put("dhcp.option.domain_name", o.domainName());
        if (o.has(51)) f.put("dhcp.option.ip_address_lease_time", o.leaseTime());
        if (o.has(58)) f.put("dhcp.option.renewal_time_value", o.renewalTime());
        if (o.has(59)) f.put("dhcp.option.rebinding_time_value", o.rebindingTime());
    }

    private static void dns(DecodedFrame f, byte[] b, int off, int len) {
        DnsMessage.Parsed p = DnsMessage.parse(b, off, len);
        if (!p.ok()) return;
        DnsMessage m = p.message();
        DnsHeader h = m.header();
        f.present("dns");
        f.put("dns.id", (long) h.id());
        f.put("dns.flags.response", h.qr() ? 1L : 0L);
        f.put("dns.flags.opcode", (long) h.opcode());
        f.put("dns.flags.authoritative", h.aa() ? 1L : 0L);
        f.put("dns.flags.truncated", h.tc() ? 1L : 0L);
        f.put("dns.flags.recdesired", h.rd() ? 1L : 0L);
        f.put("dns.flags.recavail", h.ra() ? 1L : 0L);
        f.put("dns.flags.rcode", (long) h.rcode());
        f.put("dns.count.queries", (long) m.questions().size());
        f.put("dns.count.answers", (long) m.answers().size());
        f.put("dns.count.auth_rr", (long) m.authorities().size());
        f.put("dns.count.add_rr", (long) m.additionals().size());
        for (DnsQuestion q : m.questions()) {
            f.put("dns.qry.name", name(q.name().toString()));
            f.put("dns.qry.type", (long) q.type().value());
            f.put("dns.qry.class", (long) q.qclass());
        }
        for (DnsRecord r : m.answers()) {
            f.put("dns.resp.name", name(r.name().toString()));
            f.put("dns.resp.type", (long) r.type().value());
            f.put("dns.resp.ttl", r.ttl());
            switch (r.data()) {
                case DnsRdata.A a -> f.put("dns.a", a.address());
                case DnsRdata.Cname c -> f.put("dns.cname", name(c.target().toString()));
                case DnsRdata.Ns n -> f.put("dns.ns", name(n.host().toString()));
                case DnsRdata.Ptr p2 -> f.put("dns.ptr.domain_name", name(p2.target().toString()));
                default -> { }
            }
        }
    }

    /** Wireshark shows names without the root's trailing dot. */
    private static String name(String s) { return s.length() > 1 && s.endsWith(".") ? s.substring(0, s.length() - 1) : s; }

    private void tcp(DecodedFrame f, Ipv4View ip, byte[] b, int off, int len, long timeNanos) {
        TcpView t = new TcpView().wrap(b, off, len);
        if (t.validate() != Malformed.NONE) return;
        f.present("tcp");
        int sp = t.sourcePort(), dp = t.destinationPort(), flags = t.flags(), payload = t.payloadLength();
        long seq = t.sequenceNumber() & 0xffff_ffffL, ack = t.acknowledgmentNumber() & 0xffff_ffffL;
        TcpAnalysis.Result a = tcp.segment(timeNanos, ip.sourceBits(), sp, ip.destinationBits(), dp, seq, ack, flags, t.window(), payload);
        f.put("tcp.srcport", (long) sp);
        f.put("tcp.dstport", (long) dp);
        f.put("tcp.port", (long) sp);
        f.put("tcp.port", (long) dp);
        f.put("tcp.stream", a.stream());
        f.put("tcp.len", (long) payload);
        f.put("tcp.seq", a.relSeq());
        f.put("tcp.seq_raw", seq);
        f.put("tcp.nxtseq", a.nextSeq());
        if ((flags & 0x10) != 0) {
            f.put("tcp.ack", a.relAck());
            f.put("tcp.ack_raw", ack);
        }
        f.put("tcp.hdr_len", (long) t.headerLength());
        f.put("tcp.flags", (long) flags);
        String[] names = {"fin", "syn", "reset", "push", "ack", "urg", "ece", "cwr"};
        for (int i = 0; i < names.length; i++) f.put("tcp.flags." + names[i], (flags >> i & 1) == 1 ? 1L : 0L);
        f.put("tcp.window_size_value", (long) t.window());
        f.put("tcp.checksum", (long) t.checksum());
        f.put("tcp.urgent_pointer", (long) t.urgentPointer());
        if (a.retransmission()) f.present("tcp.analysis.retransmission");
        if (a.fastRetransmission()) f.present("tcp.analysis.fast_retransmission");
        if (a.duplicateAck()) {
            f.present("tcp.analysis.duplicate_ack");
            f.put("tcp.analysis.duplicate_ack_num", (long) a.duplicateAckNumber());
        }
        if (a.spuriousRetransmission()) f.present("tcp.analysis.spurious_retransmission");
        if (a.outOfOrder()) f.present("tcp.analysis.out_of_order");
        if (a.keepAlive()) f.present("tcp.analysis.keep_alive");
        if (a.zeroWindow()) f.present("tcp.analysis.zero_window");
        if (a.retransmission() || a.spuriousRetransmission() || a.outOfOrder() || a.duplicateAck() || a.keepAlive() || a.zeroWindow())
            f.present("tcp.analysis.flags");
        if (payload <= 0) return;
        int po = t.payloadOffset();
        if (!HttpFields.decode(f, b, po, payload, pendingHttp.computeIfAbsent(a.stream(), k -> new ArrayDeque<>()), timeNanos))
            TlsFields.decode(f, b, po, payload);
    }
}
