package io.wirelab.grade;

import io.wirelab.devices.dhcp.client.DhcpClient;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.labs.run.HostRuntime;
import io.wirelab.scripting.HttpLog;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only {@code results} a rubric's Groovy check sees: plain maps, lists, text and numbers
 * (what the sandbox allows), never a live object of the lab. docs/grading.md lists the keys.
 */
final class ResultsView {
    private ResultsView() {}

    static Map<String, Object> of(FinishedRun run, Map<String, Long> frameCounts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exit", run.exit());
        m.put("summary", run.summary());
        m.put("output", run.output());
        List<Object> http = new ArrayList<>();
        if (run.http() != null) for (HttpLog.Entry e : run.http().entries()) http.add(exchange(e.client(), e.exchange()));
        m.put("http", Collections.unmodifiableList(http));
        Map<String, Object> dhcp = new LinkedHashMap<>();
        if (run.started()) {
            for (HostRuntime h : run.lab().runtimes().values()) {
                DhcpClient c = h.dhcpClient();
                if (c == null) continue;
                Map<String, Object> lease = new LinkedHashMap<>();
                lease.put("state", c.state().name());
                lease.put("address", c.lease() == null ? null : c.lease().ip().toString());
                lease.put("interface", c.iface().name());
                dhcp.put(h.name(), Collections.unmodifiableMap(lease));
            }
        }
        m.put("dhcp", Collections.unmodifiableMap(dhcp));
        Map<String, Object> captures = new LinkedHashMap<>();
        frameCounts.forEach((port, n) -> captures.put(port, Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("frames", n)))));
        m.put("captures", Collections.unmodifiableMap(captures));
        return Collections.unmodifiableMap(m);
    }

    static Map<String, Object> exchange(String client, HttpExchange x) {
        Map<String, Object> m = new LinkedHashMap<>();
        URI u = uri(x.url());
        m.put("client", client);
        m.put("url", x.url());
        m.put("scheme", u == null ? "" : String.valueOf(u.getScheme()));
        m.put("host", u == null || u.getHost() == null ? "" : u.getHost());
        m.put("path", u == null || u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
        m.put("method", x.request().method());
        m.put("status", x.status());
        m.put("outcome", x.outcome().name());
        m.put("tls", u != null && "https".equalsIgnoreCase(u.getScheme()));
        m.put("totalMs", x.timing() == null || x.timing().totalNanos() < 0 ? -1.0 : x.timing().totalNanos() / 1e6);
        return Collections.unmodifiableMap(m);
    }

    static URI uri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
