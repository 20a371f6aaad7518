package io.wirelab.scripting;

import groovy.lang.Closure;
import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.ServedRequest;
import io.wirelab.devices.web.Site;
import java.util.List;
import java.util.SequencedMap;

/**
 * {@code web1.webServer}: what scripts read of a host's web server: {@code counter(name)}, {@code log()},
 * {@code sites()}; and {@code handle(path) { req, res -> ... }}, a handler that answers that path
 * (see {@link ScriptExchange}).
 */
public final class ScriptWebServer {
    private final HttpServer server;
    private final LabFacade lab;
    private final String host;

    ScriptWebServer(HttpServer server, LabFacade lab, String host) {
        this.server = server;
        this.lab = lab;
        this.host = host;
    }

    /** Answers path ("/slow"; the query is not part of it) on every site of this server with handler, in place of its content. */
    public ScriptWebServer handle(String path, Closure<?> handler) {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("handle: the path must start with /, got " + path);
        server.handle(path, ScriptExchange.handler(handler, lab, host + " " + path));
        return this;
    }

    public long counter(String name) { return server.counter(name); }
    public SequencedMap<String, Long> counters() { return server.counters(); }
    /** Every request served, in order; in a real-time run only the first HttpServer.REAL_TIME_LOG_LIMIT. */
    public List<ServedRequest> log() { return server.log(); }
    /** Requests served but left out of log() (a real-time run past its limit). */
    public long unlogged() { return server.unlogged(); }
    /** The names of each site, the default site first. */
    public List<List<String>> sites() { return server.sites().stream().map(Site::names).toList(); }

    @Override public String toString() { return "web server (" + sites().size() + " sites, " + log().size() + " requests served)"; }
}
