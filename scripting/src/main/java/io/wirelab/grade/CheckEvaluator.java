package io.wirelab.grade;

import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.dhcp.client.DhcpClientState;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.labs.grade.Check;
import io.wirelab.labs.grade.CheckKind;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.scripting.HttpLog;
import io.wirelab.scripting.engine.RubricScripts;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.filter.CaptureFrames;
import io.wirelab.wire.filter.DecodedFrame;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** Evaluates the checks of a rubric over one finished run; each result says why, with frame numbers and values. */
final class CheckEvaluator {
    /** Frames listed as evidence at most; the count is always given. */
    static final int EVIDENCE_FRAMES = 5;
    static final long GROOVY_LIMIT_MILLIS = 10_000;

    private final FinishedRun run;
    private final Map<String, List<DecodedFrame>> frames = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();

    CheckEvaluator(FinishedRun run) { this.run = run; }

    CheckResult evaluate(Check c) {
        if (!run.started() && !(c.kind() instanceof CheckKind.ScriptCompleted))
            return CheckResult.fail(c, "the submission did not run: " + run.summary());
        return switch (c.kind()) {
            case CheckKind.Frames f -> frames(c, f);
            case CheckKind.DhcpLease d -> dhcp(c, d);
            case CheckKind.Http h -> http(c, h);
            case CheckKind.ScriptCompleted s -> run.exit() == 0 ? CheckResult.pass(c, "the script ran to its end")
                    : CheckResult.fail(c, "the script did not complete: " + run.summary());
            case CheckKind.Groovy g -> groovy(c, g);
        };
    }

    private List<DecodedFrame> capture(String port) {
        if (frames.containsKey(port) || unreadable.containsKey(port)) return frames.get(port);
        Path file = run.captures().get(port);
        if (file == null) {
            unreadable.put(port, "no capture of " + port + " (the submission has no such port)");
            return null;
        }
        try {
            frames.put(port, CaptureFrames.read(file));
        } catch (IOException e) {
            unreadable.put(port, "cannot read the capture of " + port + ": " + e.getMessage());
        }
        return frames.get(port);
    }

    private CheckResult frames(Check c, CheckKind.Frames f) {
        String port = f.capture().toString();
        List<DecodedFrame> all = capture(port);
        if (all == null) return CheckResult.fail(c, unreadable.get(port));
        List<DecodedFrame> hits = CaptureFrames.matching(all, f.filter());
        boolean ok = f.count().test(hits.size());
        StringBuilder sb = new StringBuilder();
        sb.append(hits.size()).append(hits.size() == 1 ? " frame" : " frames").append(" of ").append(all.size())
          .append(" on ").append(port).append(" match '").append(f.filter().text()).append("' (expected ").append(f.count()).append(')');
        for (DecodedFrame d : hits.subList(0, Math.min(EVIDENCE_FRAMES, hits.size()))) sb.append("\n  ").append(describe(d, f.filter().fields()));
        if (hits.size() > EVIDENCE_FRAMES) sb.append("\n  ... and ").append(hits.size() - EVIDENCE_FRAMES).append(" more");
        return ok ? CheckResult.pass(c, sb.toString()) : CheckResult.fail(c, sb.toString());
    }

    /** "frame 12 at 1.000200000 s: tcp.seq=1 tcp.len=1448". */
    static String describe(DecodedFrame d, List<String> fields) {
        StringBuilder sb = new StringBuilder("frame ").append(d.number()).append(" at ").append(SimTime.format(d.timeNanos())).append(" s:");
        for (String f : fields) {
            List<Object> v = d.values(f);
            if (v.isEmpty()) continue;
            boolean protocol = v.size() == 1 && f.equals(v.getFirst());
            sb.append(' ').append(f);
            if (!protocol) sb.append('=').append(v.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return sb.toString();
    }

    private CheckResult dhcp(Check c, CheckKind.DhcpLease d) {
        HostRuntime h;
        try {
            h = run.lab().runtime(d.host());
        } catch (NoSuchElementException | IllegalArgumentException e) {
            return CheckResult.fail(c, e.getMessage());
        }
        DhcpClient client = d.iface() == null ? h.dhcpClient() : h.dhcpClients().get(d.iface());
        if (client == null)
            return CheckResult.fail(c, d.host() + (d.iface() == null ? "" : ":" + d.iface()) + " does not use DHCP (no ip: dhcp interface)");
        String where = d.host() + ":" + client.iface().name();
        if (client.state() != DhcpClientState.BOUND || client.lease() == null)
            return CheckResult.fail(c, where + " has no lease: its DHCP client is " + client.state() + " (states " + client.history() + ")");
        String lease = where + " holds " + client.lease().address() + " from " + client.lease().server();
        if (d.within() != null && !d.within().contains(client.lease().ip()))
            return CheckResult.fail(c, lease + ", outside " + d.within());
        return CheckResult.pass(c, lease + " (BOUND)");
    }

    private CheckResult http(Check c, CheckKind.Http h) {
        List<String> tried = new ArrayList<>();
        HttpLog log = run.http();
        int seen = 0;
        if (log != null) {
            for (HttpLog.Entry e : log.entries()) {
                if (!e.client().equals(h.client())) continue;
                seen++;
                String why = mismatch(h, e.exchange());
                if (why == null) return CheckResult.pass(c, "#" + seen + " " + exchangeLine(e));
                if (tried.size() < EVIDENCE_FRAMES) tried.add("#" + seen + " " + exchangeLine(e) + ": " + why);
            }
        }
        if (seen == 0) return CheckResult.fail(c, h.client() + " made no HTTP request through the script");
        return CheckResult.fail(c, "none of " + h.client() + "'s " + seen + (seen == 1 ? " request" : " requests") + " matches:\n  " + String.join("\n  ", tried));
    }

    static String exchangeLine(HttpLog.Entry e) {
        HttpExchange x = e.exchange();
        long total = x.timing() == null ? -1 : x.timing().totalNanos();
        return e.client() + " " + x.request().method() + " " + x.url() + " -> " + (x.status() == 0 ? x.outcome().name() : x.status() + " " + x.outcome().name())
                + (total >= 0 ? " in " + SimTime.human(total) : "");
    }

    /** Why the exchange does not satisfy the check, or null when it does. */
    private static String mismatch(CheckKind.Http h, HttpExchange x) {
        URI u = ResultsView.uri(x.url());
        String host = u == null || u.getHost() == null ? "" : u.getHost();
        String path = u == null || u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        boolean tls = u != null && "https".equalsIgnoreCase(u.getScheme());
        if (h.host() != null && !h.host().equalsIgnoreCase(host)) return "host " + host + ", not " + h.host();
        if (h.path() != null && !h.path().equals(path)) return "path " + path + ", not " + h.path();
        if (h.method() != null && !h.method().equals(x.request().method())) return "method " + x.request().method();
        if (h.tls() != null && h.tls() != tls) return tls ? "over TLS" : "not over TLS";
        if (h.status() != null && x.status() != h.status()) return "status " + (x.status() == 0 ? "none (" + x.outcome() + ")" : x.status());
        if (h.status() == null && !(x.ok() && x.status() < 400)) return "no successful response (" + x.outcome() + ", " + x.status() + ")";
        if (h.withinNanos() >= 0) {
            long total = x.timing() == null ? -1 : x.timing().totalNanos();
            if (total < 0 || total > h.withinNanos()) return "took " + (total < 0 ? "no complete response" : SimTime.human(total)) + ", more than " + SimTime.human(h.withinNanos());
        }
        return null;
    }

    private CheckResult groovy(Check c, CheckKind.Groovy g) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String port : run.captures().keySet()) {
            List<DecodedFrame> f = capture(port);
            if (f != null) counts.put(port, (long) f.size());
        }
        RubricScripts.Verdict v = RubricScripts.evaluate(g.code(), ResultsView.of(run, counts), GROOVY_LIMIT_MILLIS);
        return v.passed() ? CheckResult.pass(c, "groovy: " + v.detail()) : CheckResult.fail(c, "groovy: " + v.detail());
    }
}
