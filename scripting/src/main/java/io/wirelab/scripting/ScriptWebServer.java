package io.wirelab.scripting;

import io.wirelab.devices.web.HttpServer;
import io.wirelab.devices.web.ServedRequest;
import io.wirelab.devices.web.Site;
import java.util.List;
import java.util.SequencedMap;

/** {@code web1.webServer}: what scripts read of a host's web server: {@code counter(name)}, {@code log()}, {@code sites()}. */
public final class ScriptWebServer {
    private final HttpServer server;

    ScriptWebServer(HttpServer server) { this.server = server; }

    public long counter(String name) { return server.counter(name); }
    public SequencedMap<String, Long> counters() { return server.counters(); }
    /** Every request served, in order. */
    public List<ServedRequest> log() { return server.log(); }
    /** The names of each site, the default site first. */
    public List<List<String>> sites() { return server.sites().stream().map(Site::names).toList(); }

    @Override public String toString() { return "web server (" + sites().size() + " sites, " + log().size() + " requests served)"; }
}
