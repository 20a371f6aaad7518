package io.wirelab.scripting;

import io.wirelab.devices.web.client.HttpExchange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every HTTP exchange a lab's hosts made through the DSL ({@code pc1.http}, {@code pc1.browser}), in order: what a grader reads. */
public final class HttpLog {
    /** client: the host that sent the request. */
    public record Entry(String client, HttpExchange exchange) {}

    private final List<Entry> entries = new ArrayList<>();

    void add(String client, HttpExchange x) { entries.add(new Entry(client, x)); }

    public List<Entry> entries() { return Collections.unmodifiableList(entries); }

    @Override public String toString() {
        if (entries.isEmpty()) return "(no HTTP exchanges)";
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : entries) {
            HttpExchange x = e.exchange();
            rows.add(List.of(e.client(), x.request().method(), x.url(),
                    x.response() != null ? Integer.toString(x.status()) : x.outcome().toString(), Long.toString(x.connectionId())));
        }
        return TextTable.of(List.of("CLIENT", "METHOD", "URL", "STATUS", "CONN"), rows);
    }
}
