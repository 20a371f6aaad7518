package io.wirelab.report;

import io.wirelab.devices.Device;
import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpLease;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.devices.router.Router;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.HttpTiming;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.labs.run.Lab;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.report.Conversations.Conversation;
import io.wirelab.report.Packets.Hop;
import io.wirelab.report.Packets.Packet;
import io.wirelab.stack.NetInterface;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's data as plain maps and lists, for {@link Json}: the lab, its topology with counters,
 * the captures, every packet with its hops and label, the conversations, the HTTP timings, the TCP
 * series and the summary. Times are integer nanoseconds of lab time; nothing depends on the wall
 * clock or the output directory, so the same lab and seed give the same model.
 */
final class ReportModel {
    private ReportModel() {}

    /** The page's data: the model it draws first (JSON), and the blocks it unpacks when a view needs them. */
    record Built(Map<String, Object> model, Columns packets, Columns info, Columns tcp, List<Columns> details) {}

    /** Frames per block of the frame inspector's decode: clicking a frame unpacks only its block. */
    static final int DETAIL_BLOCK = 1024;

    static Built build(Lab lab, ReportRecorder recorder, Packets packets, Topology topo, Conversations conversations) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("name", lab.name());
        about.put("description", lab.spec().description() == null ? "" : lab.spec().description());
        about.put("seed", lab.seed());
        about.put("endAt", lab.now());
        m.put("lab", about);
        m.put("devices", devices(lab, topo));
        m.put("links", links(topo, packets, lab));
        List<Object> caps = new ArrayList<>();
        for (Packets.CaptureFile c : packets.captures) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("file", c.file().getFileName().toString());
            x.put("ports", c.ports());
            x.put("frames", c.frames());
            x.put("problem", c.problem() == null ? "" : c.problem());
            caps.add(x);
        }
        m.put("captures", caps);
        m.put("packetCount", packets.packets.size());
        List<String> details = new ArrayList<>(), info = new ArrayList<>();
        Columns packetColumns = packetColumns(packets, conversations, info, details);
        m.put("conversations", conversations(conversations));
        m.put("http", http(recorder));
        m.put("summary", summary(lab, recorder, packets));
        Columns tcp = new Columns().tree("connections", TcpSeries.model(conversations, recorder.sockets(), topo));
        List<Columns> detailBlocks = new ArrayList<>();
        for (int from = 0; from < details.size(); from += DETAIL_BLOCK)
            detailBlocks.add(new Columns().text("layers", details.subList(from, Math.min(details.size(), from + DETAIL_BLOCK))));
        m.put("detailBlock", DETAIL_BLOCK);
        return new Built(m, packetColumns, new Columns().text("info", info), tcp, detailBlocks);
    }

    private static List<Object> devices(Lab lab, Topology topo) {
        List<Object> out = new ArrayList<>();
        for (Device d : topo.devices) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", d.name());
            x.put("kind", d.kind());
            Map<Port, NetInterface> ifaces = Topology.interfaces(d);
            List<Object> ports = new ArrayList<>();
            for (Port p : d.ports()) {
                if (!p.isConnected() && d instanceof LearningSwitch) continue;   // a switch's unused ports
                Map<String, Object> px = new LinkedHashMap<>();
                px.put("name", p.name());
                NetInterface ni = ifaces.get(p);
                px.put("mac", ni == null ? "" : ni.mac().toString());
                px.put("ip", ni == null || ni.cidr() == null ? "" : ni.cidr().toString());
                ports.add(px);
            }
            x.put("ports", ports);
            x.put("counters", counters(lab, d));
            out.add(x);
        }
        return out;
    }

    /** Non-zero counters by name: the stack's (drops by named reason), TCP's, the services'. */
    private static Map<String, Object> counters(Lab lab, Device d) {
        Map<String, Object> c = new LinkedHashMap<>();
        switch (d) {
            case Host h -> {
                nonZero(c, "", h.stack().counters().snapshot());
                nonZero(c, "", h.stack().tcp().counters().snapshot());
                HostRuntime rt = lab.runtimes().get(h.name());
                if (rt != null) {
                    if (rt.dhcpServer() != null) nonZero(c, "dhcpd.", rt.dhcpServer().counters());
                    if (rt.dnsServer() != null) nonZero(c, "dns.", rt.dnsServer().counters());
                    if (rt.web() != null) nonZero(c, "web.", rt.web().server().counters());
                    if (rt.proxy() != null) nonZero(c, "proxy.", rt.proxy().counters());
                    if (rt.resolver() != null) nonZero(c, "resolver.", rt.resolver().counters());
                    for (Map.Entry<String, DhcpClient> e : rt.dhcpClients().entrySet()) nonZero(c, "dhcp." + e.getKey() + ".", e.getValue().counters());
                }
            }
            case Router r -> {
                nonZero(c, "", r.counters());
                nonZero(c, "", r.stack().counters().snapshot());
            }
            case LearningSwitch s -> {
                for (LearningSwitch.Drop reason : LearningSwitch.Drop.values())
                    if (s.drops(reason) > 0) c.put("drop." + reason.name().toLowerCase(java.util.Locale.ROOT), s.drops(reason));
            }
            default -> { }
        }
        for (Port p : d.ports()) {
            Map<String, Object> pc = Topology.portCounts(p);
            @SuppressWarnings("unchecked") Map<String, Object> drops = (Map<String, Object>) pc.get("drops");
            for (Map.Entry<String, Object> e : drops.entrySet()) c.put(p.name() + ".drop." + e.getKey(), e.getValue());
        }
        return c;
    }

    private static void nonZero(Map<String, Object> into, String prefix, Map<String, Long> counters) {
        for (Map.Entry<String, Long> e : counters.entrySet()) if (e.getValue() != 0) into.put(prefix + e.getKey(), e.getValue());
    }

    private static List<Object> links(Topology topo, Packets packets, Lab lab) {
        List<Object> out = new ArrayList<>();
        List<Port> allPorts = new ArrayList<>();
        for (Device d : topo.devices) allPorts.addAll(d.ports());
        for (Topology.LinkInfo l : topo.links) {
            Map<String, Object> x = new LinkedHashMap<>();
            String a = topo.ports.get(l.portA()).name(), b = topo.ports.get(l.portB()).name();
            x.put("a", a);
            x.put("b", b);
            x.put("aDevice", topo.ports.get(l.portA()).device());
            x.put("bDevice", topo.ports.get(l.portB()).device());
            x.put("up", l.up());
            x.put("aToB", params(l.aToB()));
            x.put("bToA", params(l.bToA()));
            x.put("aCounts", Topology.portCounts(allPorts.get(l.portA())));
            x.put("bCounts", Topology.portCounts(allPorts.get(l.portB())));
            List<Object> caps = new ArrayList<>();
            for (int i = 0; i < packets.captures.size(); i++)
                if (packets.captures.get(i).ports().contains(a) || packets.captures.get(i).ports().contains(b)) caps.add(i);
            x.put("captures", caps);
            out.add(x);
        }
        return out;
    }

    private static Map<String, Object> params(LinkParams p) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("bandwidth", p.bandwidthBitsPerSecond());
        x.put("delay", p.delayNanos());
        x.put("jitter", p.jitterNanos());
        x.put("loss", percent(p.loss()));
        x.put("duplicate", percent(p.duplicate()));
        x.put("reorder", percent(p.reorder()));
        x.put("corrupt", percent(p.corrupt()));
        x.put("mtu", p.mtu());
        return x;
    }

    /** A probability as fixed text, "1%", "0.25%": no floating point formatting in the model. */
    static String percent(double p) {
        return BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * Every packet as columns; its hops flattened from hopStart[i] to hopStart[i + 1] (hopDevice holds
     * device * 2 + 1 when the hop is estimated; times in ns after the packet's at), the capture frames
     * that hold it as (capture, number) pairs from seenStart[i]. Each packet's info line goes to info,
     * its decode (its layers as a JSON list of strings) to details.
     */
    private static Columns packetColumns(Packets packets, Conversations cs, List<String> info, List<String> details) {
        int n = packets.packets.size(), hopCount = 0, seenCount = 0;
        for (Packet p : packets.packets) {
            hopCount += p.hops.size();
            seenCount += p.seen.size();
        }
        long[] at = new long[n], waitFrom = new long[n], arrived = new long[hopCount], left = new long[hopCount];
        int[] conv = new int[n], marks = new int[n], length = new int[n], protocol = new int[n], lost = new int[n];
        int[] hopStart = new int[n + 1], hopDevice = new int[hopCount], seenStart = new int[n + 1], seen = new int[2 * seenCount];
        List<String> label = new ArrayList<>(n), protocols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Packet p = packets.packets.get(i);
            at[i] = p.at();
            conv[i] = p.conversation;
            marks[i] = p.marks;
            length[i] = p.data().length;
            waitFrom[i] = p.waitFrom;
            if (!protocols.contains(p.protocol)) protocols.add(p.protocol);
            protocol[i] = protocols.indexOf(p.protocol);
            String app = String.join(", ", p.app);
            label.add(app.isEmpty() ? p.label : app);
            info.add(app.isEmpty() ? p.info : p.info + " | " + app);
            int h = hopStart[i];
            for (Hop hop : p.hops) {
                hopDevice[h] = 2 * hop.device() + (hop.estimated() ? 1 : 0);
                arrived[h] = hop.arrived() - p.at();
                left[h++] = hop.left() - p.at();
            }
            hopStart[i + 1] = h;
            int s = seenStart[i];
            for (Packets.Observation x : p.seen) {
                seen[s++] = x.capture();
                seen[s++] = x.number();
            }
            seenStart[i + 1] = s;
            lost[i] = p.lostToward;
            Conversation c = p.conversation >= 0 ? cs.list.get(p.conversation) : null;
            String analysis = c != null && c.tcpStream >= 0 ? "[Stream index: " + c.tcpStream + "]\n" + p.info : p.info;
            details.add(Json.write(FrameDetail.layers(p, analysis)));
        }
        return new Columns().f64("at", at).i32("conversation", conv).i32("marks", marks).i32("length", length).f64("waitFrom", waitFrom)
                .json("protocolNames", protocols).i32("protocol", protocol).text("label", label)
                .i32("hopStart", hopStart).i32("hopDevice", hopDevice).ints("hopArrived", arrived).ints("hopLeft", left)
                .i32("seenStart", seenStart).i32("seen", seen).i32("lostToward", lost);
    }

    private static List<Object> conversations(Conversations cs) {
        List<Object> out = new ArrayList<>();
        for (Conversation c : cs.list) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", c.id);
            x.put("protocol", c.protocol);
            x.put("name", c.name);
            x.put("tcpStream", c.tcpStream);
            x.put("packets", c.packets);
            x.put("firstAt", c.firstAt);
            x.put("lastAt", c.lastAt);
            x.put("client", c.clientDevice);
            x.put("server", c.serverDevice);
            List<Object> tw = new ArrayList<>();
            for (long[] w : c.timeWaits) tw.add(w);
            x.put("timeWaits", tw);
            out.add(x);
        }
        return out;
    }

    private static List<Object> http(ReportRecorder recorder) {
        List<Object> out = new ArrayList<>();
        for (ReportRecorder.HttpRecord r : recorder.http()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("host", r.host());
            List<Object> objects = new ArrayList<>();
            if (r.page() != null) {
                x.put("kind", "page");
                x.put("url", r.page().getUrl());
                x.put("policy", r.page().getPolicy());
                x.put("startAt", r.page().getPageLoad().startAt());
                x.put("endAt", r.page().getPageLoad().endAt());
                x.put("connections", r.page().getConnections());
                for (HttpExchange e : r.page().getPageLoad().exchanges()) objects.add(exchange(e));
            } else {
                HttpExchange e = r.fetch().getExchange();
                x.put("kind", "fetch");
                x.put("url", e.url());
                x.put("policy", "");
                x.put("startAt", e.timing().startAt());
                x.put("endAt", e.timing().completeAt());
                x.put("connections", e.reusedConnection() ? 0 : 1);
                objects.add(exchange(e));
            }
            x.put("objects", objects);
            out.add(x);
        }
        return out;
    }

    private static Map<String, Object> exchange(HttpExchange e) {
        HttpTiming t = e.timing();
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("url", e.url());
        x.put("method", e.request().method());
        x.put("status", e.status());
        x.put("outcome", e.outcome().name());
        x.put("connection", e.connectionId());
        x.put("reused", e.reusedConnection());
        x.put("startAt", t.startAt());
        x.put("dns", t.dnsNanos());
        x.put("connect", t.connectNanos());
        x.put("tls", t.tlsNanos());
        x.put("queued", t.queuedNanos());
        x.put("requestSentAt", t.requestSentAt());
        x.put("firstByteAt", t.firstByteAt());
        x.put("completeAt", t.completeAt());
        x.put("wait", t.waitNanos());
        x.put("receive", t.receiveNanos());
        x.put("bytes", e.response() == null ? e.receivedBytes() : e.response().body().length);
        return x;
    }

    private static Map<String, Object> summary(Lab lab, ReportRecorder recorder, Packets packets) {
        Map<String, Object> s = new LinkedHashMap<>();
        // lab.report() and the console's :report write while the lab still runs
        s.put("scriptStatus", recorder.scriptStatus().equals("none") && !lab.isClosed() ? "running" : recorder.scriptStatus());
        s.put("scriptMessage", recorder.scriptMessage());
        s.put("output", recorder.transcript());
        List<Object> leases = new ArrayList<>();
        for (HostRuntime rt : lab.runtimes().values())
            for (Map.Entry<String, DhcpClient> e : rt.dhcpClients().entrySet()) {
                DhcpLease l = e.getValue().lease();
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("host", rt.name());
                x.put("iface", e.getKey());
                x.put("state", e.getValue().state().toString());
                x.put("address", l == null ? "" : l.address().toString());
                x.put("server", l == null || l.server() == null ? "" : l.server().toString());
                x.put("routers", l == null ? List.of() : l.routers().stream().map(Object::toString).toList());
                x.put("dns", l == null ? List.of() : l.dnsServers().stream().map(Object::toString).toList());
                x.put("domain", l == null || l.domainName() == null ? "" : l.domainName());
                x.put("leaseSeconds", l == null ? 0 : l.leaseSeconds());
                x.put("acquiredAt", l == null ? -1 : l.acquiredAtNanos());
                leases.add(x);
            }
        s.put("leases", leases);
        List<Object> answers = new ArrayList<>();
        for (Packet p : packets.packets)
            if (p.protocol.equals("DNS") && p.info.startsWith("DNS ") && !p.info.contains("?")) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("at", p.at());
                x.put("answer", p.label);
                x.put("to", p.hops.isEmpty() ? -1 : p.hops.getLast().device());
                answers.add(x);
            }
        s.put("dnsAnswers", answers);
        return s;
    }
}
