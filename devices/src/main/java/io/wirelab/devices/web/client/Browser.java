package io.wirelab.devices.web.client;

import io.wirelab.sim.Simulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads an HTML page, then every img/script/link object it embeds, through one HttpClient. */
public final class Browser {
    private static final Pattern EMBED = Pattern.compile(
            "<(img|script|link)\\b[^>]*?\\b(src|href)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);

    private final Simulator sim;
    private final HttpClient client;

    public Browser(Simulator sim, HttpClient client) {
        this.sim = sim;
        this.client = client;
    }

    public HttpClient client() { return client; }

    public CompletableFuture<PageLoad> load(String url) {
        long start = sim.now();
        long opened = client.connectionsOpened();
        String policy = client.config().policy().toString();
        CompletableFuture<PageLoad> result = new CompletableFuture<>();
        client.get(url).whenComplete((page, err) -> {
            if (err != null) { result.completeExceptionally(err); return; }
            List<CompletableFuture<HttpExchange>> parts = new ArrayList<>();
            if (page.ok() && isHtml(page)) {
                for (String ref : embedded(new String(page.response().body(), StandardCharsets.UTF_8)))
                    parts.add(client.get(URI.create(url).resolve(ref).toString()));
            }
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((v, e2) -> {
                List<HttpExchange> all = new ArrayList<>();
                all.add(page);
                for (var p : parts) all.add(p.getNow(null));
                result.complete(new PageLoad(url, policy, start, sim.now(), List.copyOf(all), client.connectionsOpened() - opened));
            });
        });
        return result;
    }

    private static boolean isHtml(HttpExchange e) {
        String type = e.response().headers().get("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
    }

    /** The src/href of img, script and link elements, in document order, without duplicates. */
    public static List<String> embedded(String html) {
        Set<String> refs = new LinkedHashSet<>();
        Matcher m = EMBED.matcher(html);
        while (m.find()) {
            String v = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
            if (!v.isBlank() && !v.startsWith("data:") && !v.startsWith("#")) refs.add(v.strip());
        }
        return List.copyOf(refs);
    }
}
