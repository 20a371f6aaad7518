package io.wirelab.report;

import io.wirelab.report.Conversations.Conversation;
import io.wirelab.report.Packets.Hop;
import io.wirelab.report.Packets.Packet;
import io.wirelab.stack.tcp.TcpTrace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP plots' series per connection and sending direction: the time-sequence graph (segments
 * sent, retransmissions, ACKs and the receive window's edge as the sender saw them), bytes in flight
 * and the receive window from the capture, and cwnd, ssthresh, RTO and SRTT from the sender's own
 * TcpTrace. All series are kept whole (the page draws them downsampled and exports them as CSV).
 */
final class TcpSeries {
    private TcpSeries() {}

    static List<Object> model(Conversations cs, List<ReportRecorder.SocketRecord> sockets, Topology topo) {
        List<Object> out = new ArrayList<>();
        for (Conversation c : cs.list) {
            if (c.flow == null) continue;
            TcpFlow f = c.flow;
            List<Object> directions = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                Map<String, Object> dir = direction(f, d, sockets, topo);
                if (dir != null) directions.add(dir);
            }
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("conversation", c.id);
            x.put("tcpStream", c.tcpStream);
            x.put("name", c.name);
            x.put("directions", directions);
            out.add(x);
        }
        return out;
    }

    /** d's series, or null when d sent no data (only ACKs): such a direction has nothing to plot. */
    private static Map<String, Object> direction(TcpFlow f, int d, List<ReportRecorder.SocketRecord> sockets, Topology topo) {
        int sender = f.dirs[d].device, receiver = f.dirs[1 - d].device;
        long bytes = 0;
        for (long[] s : f.segments) if (s[0] == d) bytes += s[2];
        if (bytes == 0) return null;
        Series seq = new Series("time_ns", "seq", "len", "retransmission"), ack = new Series("time_ns", "ack", "window");
        // events at the sender: its segments when they left, the peer's ACKs when they arrived
        List<long[]> events = new ArrayList<>();   // {time, kind 0 send / 1 ack, value, value2}
        for (int k = 0; k < f.segments.size(); k++) {
            long[] s = f.segments.get(k);
            Packet p = f.segmentPackets.get(k);
            if (s[0] == d) {
                if (s[2] > 0 || s[6] == 1 || s[7] == 1) {
                    seq.add(p.at(), s[1], s[2] + s[6] + s[7], s[5]);
                    events.add(new long[] {p.at(), 0, s[1] + s[2] + s[6] + s[7], 0});
                }
            } else if (s[3] >= 0) {
                long at = arrival(p, sender);
                if (at < 0) continue;   // lost before it reached the sender
                ack.add(at, s[3], s[4]);
                events.add(new long[] {at, 1, s[3], s[4]});
            }
        }
        events.sort(Comparator.comparingLong((long[] e) -> e[0]).thenComparingLong(e -> e[1]));
        Series flight = new Series("time_ns", "bytes_in_flight"), rwnd = new Series("time_ns", "receive_window");
        long sndMax = 0, acked = 0;
        for (long[] e : events) {
            if (e[1] == 0) sndMax = Math.max(sndMax, e[2]);
            else {
                acked = Math.max(acked, e[2]);
                rwnd.add(e[0], e[3]);
            }
            flight.add(e[0], Math.max(0, sndMax - acked));
        }
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("from", sender);
        x.put("to", receiver);
        x.put("bytes", bytes);
        x.put("seq", seq.model());
        x.put("ack", ack.model());
        x.put("inFlight", flight.model());
        x.put("rwnd", rwnd.model());
        TcpTrace t = traceOf(f, d, sockets, topo);
        Map<String, Object> trace = new LinkedHashMap<>();
        if (t != null) {
            for (TcpTrace.Metric m : TcpTrace.Metric.values()) {
                Series s = new Series("time_ns", m.name().toLowerCase(java.util.Locale.ROOT) + (m == TcpTrace.Metric.RTO || m == TcpTrace.Metric.SRTT ? "_ns" : "_bytes"));
                for (TcpTrace.Sample p : t.samples(m)) s.add(p.atNanos(), p.value());
                trace.put(m.name().toLowerCase(java.util.Locale.ROOT), s.model());
            }
            List<Object> states = new ArrayList<>();
            for (TcpTrace.StateChanged sc : t.states()) states.add(List.of(sc.atNanos(), sc.from().toString(), sc.to().toString()));
            trace.put("states", states);
            trace.put("droppedPoints", t.droppedPoints());
        }
        x.put("trace", trace);
        return x;
    }

    private static long arrival(Packet p, int device) {
        for (Hop h : p.hops) if (h.device() == device) return h.arrived();
        return -1;
    }

    /** The sending side's trace: on the sender device, with the direction's local address and port. */
    private static TcpTrace traceOf(TcpFlow f, int d, List<ReportRecorder.SocketRecord> sockets, Topology topo) {
        String local = d == 0 ? f.clientEnd : f.serverEnd;
        if (local == null || f.dirs[d].device < 0) return null;
        String host = topo.devices.get(f.dirs[d].device).name();
        TcpTrace found = null;
        for (ReportRecorder.SocketRecord r : sockets)
            if (r.host().equals(host) && r.local().equals(local) && r.remote().equals(d == 0 ? f.serverEnd : f.clientEnd))
                found = r.trace();   // the last one: a port reused after TIME-WAIT is a later connection
        return found;
    }

    /** Columns of numbers, with their names for the CSV header. */
    static final class Series {
        private final List<String> names;
        private final List<List<Long>> columns = new ArrayList<>();

        Series(String... names) {
            this.names = List.of(names);
            for (String ignored : names) columns.add(new ArrayList<>());
        }

        void add(long... values) {
            for (int i = 0; i < values.length; i++) columns.get(i).add(values[i]);
        }

        Map<String, Object> model() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("names", names);
            List<Object> cols = new ArrayList<>();
            for (List<Long> c : columns) cols.add(c.stream().mapToLong(Long::longValue).toArray());
            m.put("columns", cols);
            return m;
        }
    }
}
