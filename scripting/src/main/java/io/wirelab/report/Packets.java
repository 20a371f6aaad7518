package io.wirelab.report;

import io.wirelab.link.LinkParams;
import io.wirelab.pcap.DecryptionSecrets;
import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;
import io.wirelab.wire.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's captures joined into packets: a frame seen on several ports (sent by pc1, forwarded by
 * sw1, received by web1) is one packet with one observation per port, and its hops through the
 * devices, with times, are what the ladder draws. Devices between two observations that no capture
 * saw are filled in along the shortest path with times from the links' delay and bandwidth.
 */
final class Packets {
    /** One frame in one capture file: frame number as Wireshark counts it (1-based). */
    record Observation(int capture, int number, int port, long at, byte[] data) {}

    /** A device the packet passed: arrived at, left at (equal for its sender and its receiver); estimated when no capture saw it there. */
    record Hop(int device, long arrived, long left, boolean estimated) {}

    static final class Packet {
        final int id;
        final List<Observation> seen = new ArrayList<>();
        final List<Hop> hops = new ArrayList<>();
        boolean lost;
        int lostToward = -1;
        int conversation = -1;
        String protocol = "";
        String label = "";
        String info = "";
        int marks;
        long waitFrom = -1;
        final List<String> app = new ArrayList<>();
        final List<String> appDetail = new ArrayList<>();

        Packet(int id) { this.id = id; }

        Observation first() { return seen.getFirst(); }
        long at() { return hops.isEmpty() ? first().at() : hops.getFirst().left(); }
        byte[] data() { return first().data(); }
    }

    static final int MARK_RETRANSMISSION = 1, MARK_RESET = 2, MARK_DELAYED_ACK = 4, MARK_LOST = 8, MARK_DUP_ACK = 16,
            MARK_ZERO_WINDOW = 32, MARK_DECRYPTED = 64;

    record CaptureFile(Path file, List<String> ports, int frames, String problem) {}

    final List<CaptureFile> captures = new ArrayList<>();
    final List<Packet> packets = new ArrayList<>();
    final StringBuilder keyLog = new StringBuilder();

    /** Reads every capture (in the lab's order) and joins the frames; a damaged file is read up to the damage, which is noted. */
    static Packets read(List<Path> files, Topology topo) throws IOException {
        Packets p = new Packets();
        List<Observation> all = new ArrayList<>();
        for (Path f : files) {
            int c = p.captures.size();
            List<String> ports = new ArrayList<>();
            int n = 0;
            String problem = null;
            if (!Files.exists(f)) {   // a capture of a running lab that has seen no frame yet
                p.captures.add(new CaptureFile(f, ports, 0, null));
                continue;
            }
            try (PcapReader r = PcapReader.open(f)) {
                for (PcapRecord rec = r.next(); rec != null; rec = r.next()) {
                    n++;
                    String port = rec.interfaceName();
                    if (port != null && !ports.contains(port)) ports.add(port);
                    all.add(new Observation(c, n, topo.port(port), rec.timestampNanos(), rec.data()));
                }
                if (r.problem() != null && r.problem() != PcapReader.Problem.NONE) problem = r.problem().describe();
                for (DecryptionSecrets s : r.secrets()) p.keyLog.append(s.text()).append('\n');
            }
            p.captures.add(new CaptureFile(f, ports, n, problem));
        }
        all.sort(Comparator.comparingLong(Observation::at).thenComparingInt(Observation::capture).thenComparingInt(Observation::number));
        p.join(all, topo);
        for (Packet k : p.packets) p.route(k, topo);
        p.packets.sort(Comparator.comparingLong(Packet::at).thenComparingInt(k -> k.id));
        return p;
    }

    private void join(List<Observation> all, Topology topo) {
        Map<Long, Packet> open = new HashMap<>();
        int id = 0;
        for (Observation o : all) {
            long key = key(o.data());
            Packet k = open.get(key);
            // the same bytes again on a port that saw them already: a new packet (a retransmission with the same IP id)
            if (k == null || k.seen.stream().anyMatch(s -> s.port() == o.port() && s.capture() == o.capture())
                    || o.at() - k.seen.getLast().at() > 1_000_000_000L) {
                k = new Packet(id++);
                open.put(key, k);
                packets.add(k);
            }
            k.seen.add(o);
        }
    }

    /** IPv4: addresses, protocol, identification and payload (what routers keep); otherwise the whole frame. FNV-1a, 64 bits. */
    static long key(byte[] b) {
        long h = 0xcbf29ce484222325L;
        int from = 0, to = b.length;
        if (b.length >= 34 && Bytes.u16(b, 12) == 0x0800 && (b[14] & 0xf0) == 0x40) {
            int ihl = (b[14] & 0x0f) * 4;
            int total = Math.min(Bytes.u16(b, 16), b.length - 14);
            h = mix(h, b, 14 + 4, 2);        // identification
            h = mix(h, b, 14 + 9, 1);        // protocol
            h = mix(h, b, 14 + 12, 8);       // source, destination
            from = 14 + ihl;
            to = 14 + Math.max(ihl, total);
        }
        return mix(h, b, from, Math.max(0, to - from));
    }

    private static long mix(long h, byte[] b, int off, int len) {
        for (int i = off; i < off + len && i < b.length; i++) {
            h ^= b[i] & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The hops of k: observed devices in time order, the sender and receiver added when no capture saw them, gaps filled in. */
    private void route(Packet k, Topology topo) {
        List<Hop> seen = new ArrayList<>();
        List<Integer> lastPort = new ArrayList<>();
        for (Observation o : k.seen) {
            if (o.port() < 0) continue;
            int d = topo.ports.get(o.port()).device();
            if (!seen.isEmpty() && seen.getLast().device() == d) {
                Hop h = seen.removeLast();
                seen.add(new Hop(d, h.arrived(), o.at(), false));
                lastPort.set(lastPort.size() - 1, o.port());
            } else {
                seen.add(new Hop(d, o.at(), o.at(), false));
                lastPort.add(o.port());
            }
        }
        if (seen.isEmpty()) return;
        byte[] f = k.data();
        long srcMac = f.length >= 14 ? macAt(f, 6) : -1, dstMac = f.length >= 14 ? macAt(f, 0) : -1;
        int firstPort = lastPort.getFirst();
        // the first device seen did not send it: it came over the link from the peer
        if (topo.deviceOfMac(srcMac) != seen.getFirst().device() && !Topology.isSwitch(topo.devices.get(seen.getFirst().device()))) {
            int peer = topo.peer(firstPort);
            if (peer >= 0) {
                long t = seen.getFirst().arrived() - transit(topo.paramsFrom(peer), f.length);
                seen.addFirst(new Hop(topo.ports.get(peer).device(), t, t, true));
                lastPort.addFirst(peer);
            }
        }
        // the last device seen sent it on (its own frame, or a forward seen twice): toward the peer; lost when a capture there missed it
        Hop last = seen.getLast();
        int lastOut = lastPort.getLast();
        boolean ownFrame = seen.size() == 1 && topo.deviceOfMac(srcMac) == last.device();
        boolean forwarded = last.left() > last.arrived() && topo.deviceOfMac(dstMac) != last.device();
        int peer = topo.peer(lastOut);
        if ((ownFrame || forwarded) && peer >= 0) {
            int peerDevice = topo.ports.get(peer).device();
            int target = topo.deviceOfMac(dstMac);
            if (target < 0 || target == last.device()) target = peerDevice;
            if (capturedPort(topo.ports.get(peer).name()) || capturedDevice(topo, target)) {
                k.lost = true;
                k.lostToward = target;
                k.marks |= MARK_LOST;
            } else {
                long t = last.left() + transit(topo.paramsFrom(lastOut), f.length);
                seen.add(new Hop(peerDevice, t, t, true));
            }
        }
        for (int i = 0; i < seen.size(); i++) {
            Hop h = seen.get(i);
            if (i > 0) {
                Hop prev = k.hops.getLast();
                int[] mid = topo.between(prev.device(), h.device());
                for (int j = 0; j < mid.length; j++) {
                    // evenly spaced between the two observed times, so each link's arrow keeps its slope
                    long span = h.arrived() - prev.left();
                    long t = prev.left() + span * (j + 1) / (mid.length + 1);
                    k.hops.add(new Hop(mid[j], t, t, true));
                }
            }
            k.hops.add(h);
        }
    }

    private boolean capturedPort(String name) { return captures.stream().anyMatch(c -> c.ports().contains(name)); }

    private boolean capturedDevice(Topology topo, int device) {
        for (CaptureFile c : captures)
            for (String p : c.ports()) {
                int i = topo.port(p);
                if (i >= 0 && topo.ports.get(i).device() == device) return true;
            }
        return false;
    }

    /** Serialisation plus propagation of a frame of len bytes over a link with params p. */
    static long transit(LinkParams p, int len) {
        if (p == null) return 0;
        return p.serializationNanos(len) + p.delayNanos();
    }

    static long macAt(byte[] b, int at) { return ((long) Bytes.u16(b, at) << 32) | Bytes.u32(b, at + 2); }
}
