package io.wirelab.scripting;

import io.wirelab.devices.web.client.ConnectionPolicy;
import io.wirelab.devices.web.client.HttpExchange;
import io.wirelab.devices.web.client.PageLoad;
import java.util.List;
import java.util.Locale;

/**
 * A browser page load: {@code p.total} (VirtualDuration), {@code p.statuses}, {@code p.requests}
 * (one {@link HttpResult} per object, the page first), {@code p.connections} (opened for this load),
 * {@code p.ok} (every object 2xx/3xx). Prints as one summary line; {@code p.table()} lists the objects.
 */
public final class PageLoadResult {
    private final PageLoad load;
    private final ConnectionPolicy policy;

    PageLoadResult(PageLoad load, ConnectionPolicy policy) {
        this.load = load;
        this.policy = policy;
    }

    public PageLoad getPageLoad() { return load; }
    public String getUrl() { return load.url(); }
    public String getPolicy() { return describe(policy); }
    public VirtualDuration getTotal() { return VirtualDuration.ofNanos(load.totalNanos()); }
    public List<Integer> getStatuses() { return load.statuses(); }
    public List<HttpResult> getRequests() { return load.exchanges().stream().map(HttpResult::new).toList(); }
    public long getConnections() { return load.connectionsOpened(); }
    public int getObjects() { return load.exchanges().size(); }
    public boolean isOk() { return load.allOk(); }

    /** One row per request: status, connection, reused, wait, total since the load started, path. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-3s %-6s %-5s %-6s %-12s %-12s %s%n", "#", "status", "conn", "reused", "wait", "done at", "url"));
        int i = 0;
        for (HttpExchange x : load.exchanges()) {
            HttpResult r = new HttpResult(x);
            String status = x.response() != null ? Integer.toString(x.status()) : x.outcome().name();
            long doneAt = x.timing().completeAt() - load.startAt();
            sb.append(String.format(Locale.ROOT, "  %-3d %-6s %-5d %-6s %-12s %-12s %s%n", i++, status, x.connectionId(),
                    x.reusedConnection() ? "yes" : "no", r.getWait() == null ? "-" : r.getWait(), VirtualDuration.ofNanos(doneAt), x.url()));
        }
        sb.append("  ").append(this).append(System.lineSeparator());
        return sb.toString();
    }

    static String describe(ConnectionPolicy p) {
        return switch (p) {
            case ConnectionPolicy.Serial s -> "serial";
            case ConnectionPolicy.Parallel par -> "parallel, " + par.connections() + " connections";
            case ConnectionPolicy.Persistent per -> "persistent, " + per.maxPerHost() + " connections";
            case ConnectionPolicy.Pipelined pip -> "pipelined, depth " + pip.depth() + ", " + pip.connections()
                    + (pip.connections() == 1 ? " connection" : " connections");
        };
    }

    @Override public String toString() {
        return getPolicy() + ": " + getObjects() + " objects over " + getConnections() + (getConnections() == 1 ? " connection" : " connections")
                + " in " + getTotal() + (isOk() ? ", all ok" : ", statuses " + getStatuses());
    }
}
