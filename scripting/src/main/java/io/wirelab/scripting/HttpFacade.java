package io.wirelab.scripting;

import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpClient;
import io.wirelab.devices.web.client.HttpClientConfig;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code pc1.http}: curl-like requests from a host. {@code get(url)}, {@code head(url)},
 * {@code post(url, body)}, each with options {@code policy:} ('serial' default: a new connection,
 * closed after the response; 'persistent', 'parallel', 'pipelined' keep a client per policy whose
 * connections later calls reuse), {@code connections:}, {@code depth:}, {@code timeout:} (response
 * timeout, default 30.s), {@code headers:} (a map), {@code keepAlive:} (true = 'persistent'),
 * {@code http10:} (HTTP/1.0 with Connection: Keep-Alive), {@code proxy:} ('proxy1:3128': through
 * that HTTP proxy, absolute-form URIs and CONNECT for https; false: straight to the origin even when
 * the lab file gives the host a proxy), {@code proxyConnection:} (ask the proxy for keep-alive with
 * Proxy-Connection instead of Connection), {@code quiet:}. Names in URLs go through the host's DNS
 * stub resolver; https URLs trust the lab CA. Prints one line per request.
 */
public final class HttpFacade {
    static final List<String> OPTIONS = List.of("policy", "connections", "depth", "timeout", "headers", "keepAlive", "http10", "proxy",
            "proxyConnection", "quiet");
    private final HostFacade host;
    private final Map<String, HttpClient> clients = new TreeMap<>();

    HttpFacade(HostFacade host) { this.host = host; }

    public HttpResult get(String url) { return get(Map.of(), url); }
    public HttpResult get(Map<String, ?> options, String url) { return send(options, "GET", url, null); }
    public HttpResult head(String url) { return head(Map.of(), url); }
    public HttpResult head(Map<String, ?> options, String url) { return send(options, "HEAD", url, null); }
    public HttpResult post(String url, Object body) { return post(Map.of(), url, body); }
    public HttpResult post(Map<String, ?> options, String url, Object body) { return send(options, "POST", url, body == null ? "" : body.toString()); }

    private HttpResult send(Map<String, ?> options, String method, String url, String body) {
        Settings s = Settings.of(host, "http." + method.toLowerCase(java.util.Locale.ROOT), options, ConnectionPolicy.serial());
        HttpHeaders extra = HttpHeaders.EMPTY;
        if (body != null) extra = extra.with("Content-Type", "text/plain; charset=utf-8");
        for (Map.Entry<String, String> h : s.headers.entrySet()) extra = extra.set(h.getKey(), h.getValue());
        HttpClient client = clients.computeIfAbsent(s.key(), k -> host.web().client(s.config(), host.names()));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpExchange x = host.lab().await(client.send(method, url, extra, bytes), s.budget());
        host.lab().httpLog().add(host.getName(), x);
        HttpResult r = new HttpResult(x);
        host.lab().recorder().fetched(host.getName(), r);
        if (!s.quiet) {
            host.lab().out().println(host.getName() + "$ " + method + " " + url);
            host.lab().out().println("  " + r);
            host.lab().out().flush();
        }
        return r;
    }

    /** Options shared by pc1.http and pc1.browser. */
    static final class Settings {
        ConnectionPolicy policy;
        long timeout = SimTime.seconds(30);
        boolean http10;
        boolean quiet;
        HttpClientConfig.ProxyAddress proxy;
        boolean proxyConnection;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        /** The options of a call from host; without proxy: the host's proxy from the lab file, if any. */
        static Settings of(HostFacade host, String what, Map<String, ?> options, ConnectionPolicy fallback) {
            Settings s = of(what, options, fallback);
            if (!options.containsKey("proxy")) s.proxy = host.web().defaultProxy();
            return s;
        }

        static Settings of(String what, Map<String, ?> options, ConnectionPolicy fallback) {
            Settings s = new Settings();
            String name = null;
            Integer connections = null, depth = null;
            Boolean keepAlive = null;
            for (Map.Entry<String, ?> e : options.entrySet()) {
                Object v = e.getValue();
                switch (e.getKey()) {
                    case "policy" -> name = String.valueOf(v);
                    case "connections" -> connections = positive(what, "connections", v);
                    case "depth" -> depth = positive(what, "depth", v);
                    case "timeout" -> {
                        if (!(v instanceof VirtualDuration d) || d.nanos() <= 0)
                            throw new IllegalArgumentException(what + " timeout: expected a positive duration like 10.s, got " + v);
                        s.timeout = d.nanos();
                    }
                    case "headers" -> {
                        if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException(what + " headers: expected a map like [Accept: 'text/html']");
                        for (Map.Entry<?, ?> h : m.entrySet()) s.headers.put(String.valueOf(h.getKey()), String.valueOf(h.getValue()));
                    }
                    case "keepAlive" -> keepAlive = Boolean.TRUE.equals(v);
                    case "http10" -> s.http10 = Boolean.TRUE.equals(v);
                    case "proxy" -> {
                        if (v == null || Boolean.FALSE.equals(v)) s.proxy = null;
                        else if (v instanceof CharSequence t) s.proxy = HttpClientConfig.ProxyAddress.parse(t.toString());
                        else throw new IllegalArgumentException(what + " proxy: expected 'host:port' like 'proxy1:3128', or false, got " + v);
                    }
                    case "proxyConnection" -> s.proxyConnection = Boolean.TRUE.equals(v);
                    case "quiet" -> s.quiet = Boolean.TRUE.equals(v);
                    default -> {
                        String hint = DidYouMean.suggest(e.getKey(), OPTIONS);
                        throw new IllegalArgumentException(what + " has no option '" + e.getKey() + "'"
                                + (hint != null ? "; did you mean '" + hint + "'?" : "") + " (options: " + String.join(", ", OPTIONS) + ")");
                    }
                }
            }
            if (name == null && (Boolean.TRUE.equals(keepAlive) || s.http10)) name = "persistent";
            if (name == null && Boolean.FALSE.equals(keepAlive)) name = "serial";
            s.policy = name == null ? fallback : switch (name) {
                case "serial" -> ConnectionPolicy.serial();
                case "persistent" -> ConnectionPolicy.persistent(connections == null ? 2 : connections);
                case "parallel" -> ConnectionPolicy.parallel(connections == null ? 4 : connections);
                case "pipelined" -> new ConnectionPolicy.Pipelined(depth == null ? 8 : depth, connections == null ? 1 : connections);
                default -> ConnectionPolicy.named(name);
            };
            if (s.http10 && !s.policy.reusesConnections())
                throw new IllegalArgumentException(what + ": http10 keep-alive needs a persistent or pipelined policy, not " + name);
            return s;
        }

        HttpClientConfig config() {
            return HttpClientConfig.defaults().withPolicy(policy).withHttp10KeepAlive(http10).withResponseTimeout(timeout)
                    .withProxy(proxy).withProxyConnection(proxyConnection);
        }

        /** Clients are kept per configuration, so calls with the same options share connections. */
        String key() { return policy + "/" + http10 + "/" + timeout + "/" + proxy + "/" + proxyConnection; }

        /** Virtual time a call may take: DNS retries, connect retries, the response timeout, a retry. */
        long budget() { return 3 * timeout + SimTime.seconds(120); }

        private static int positive(String what, String key, Object v) {
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1 || ((Number) v).longValue() > 10_000)
                throw new IllegalArgumentException(what + " " + key + ": expected a whole number >= 1, got " + v);
            return ((Number) v).intValue();
        }
    }

    @Override public String toString() { return "HTTP client of " + host.getName() + " (get, head, post)"; }
}
