package io.wirelab.devices.web.client;

import io.wirelab.sim.SimTime;
import java.util.List;

/** A page and its embedded objects, fetched like a browser. exchanges[0] is the page itself. */
public record PageLoad(String url, String policy, long startAt, long endAt, List<HttpExchange> exchanges,
                       long connectionsOpened) {
    public long totalNanos() { return endAt - startAt; }
    public boolean allOk() { return exchanges.stream().allMatch(e -> e.ok() && e.status() < 400); }
    public List<Integer> statuses() { return exchanges.stream().map(HttpExchange::status).toList(); }

    @Override public String toString() {
        return policy + ": " + exchanges.size() + " requests over " + connectionsOpened + " connections in "
                + SimTime.human(totalNanos()) + " " + statuses();
    }
}
