package io.wirelab.report;

import io.wirelab.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.json.Json;

/**
 * Debian's headless Firefox ESR (package firefox-esr) driven over WebDriver BiDi, which Firefox
 * serves itself ({@code --remote-debugging-port}): no geckodriver, which Debian does not package and
 * which cannot be downloaded here. Commands and events as in the W3C WebDriver BiDi specification
 * (session.new, browsingContext.*, script.callFunction, input.performActions, log.entryAdded).
 */
final class FirefoxBrowser extends ReportBrowser {
    static final Path FIREFOX = Path.of(System.getenv().getOrDefault("WIRELAB_FIREFOX", "/usr/bin/firefox-esr"));
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final Json JSON = new Json();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private String context;

    private FirefoxBrowser(Process process, Path profile, String endpoint) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(endpoint + "/session"), new Listener()).join();
    }

    static FirefoxBrowser start(int width, int height) {
        if (!Files.isExecutable(FIREFOX))
            Tools.unavailable(FIREFOX + " is missing (install it: apt-get install firefox-esr)");
        try {
            Path profile = Files.createTempDirectory("wirelab-firefox");
            Process p = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
                    "--remote-debugging-port", "0", "about:blank").redirectErrorStream(true).start();
            CompletableFuture<String> endpoint = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("firefox-output").start(() -> drain(p, endpoint));
            FirefoxBrowser b = new FirefoxBrowser(p, profile, endpoint.get(60, TimeUnit.SECONDS));
            b.command("session.new", Map.of("capabilities", Map.of()));
            @SuppressWarnings("unchecked") List<Map<String, Object>> contexts = (List<Map<String, Object>>) b.command("browsingContext.getTree", Map.of()).get("contexts");
            b.context = (String) contexts.getFirst().get("context");
            b.command("session.subscribe", Map.of("events", List.of("log.entryAdded")));
            b.command("browsingContext.setViewport", Map.of("context", b.context, "viewport", Map.of("width", width, "height", height)));
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("firefox did not start its WebDriver BiDi endpoint", e);
        }
    }

    /** Reads Firefox's output to its end (so it never blocks on a full pipe), handing on the endpoint it announces. */
    private static void drain(Process p, CompletableFuture<String> endpoint) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) endpoint.complete(m.group(1));
            }
        } catch (IOException e) {
            endpoint.completeExceptionally(e);
        }
        endpoint.completeExceptionally(new IllegalStateException("firefox closed its output without a WebDriver BiDi endpoint"));
    }

    @Override String name() { return "firefox"; }

    @Override void navigate(String url) { command("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete")); }

    @Override String evaluateToJson(String body, Object... args) {
        return (String) call("function() {" + body + "}", false, args).get("value");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String function, boolean awaitPromise, Object... args) {
        List<Object> values = new ArrayList<>();
        for (Object a : args)
            values.add(a instanceof Number n ? Map.of("type", "number", "value", n) : Map.of("type", "string", "value", String.valueOf(a)));
        Map<String, Object> r = command("script.callFunction", Map.of("functionDeclaration", function, "arguments", values,
                "target", Map.of("context", context), "awaitPromise", awaitPromise, "resultOwnership", "none"));
        if ("exception".equals(r.get("type")))
            throw new AssertionError("firefox: script threw " + ((Map<String, Object>) r.get("exceptionDetails")).get("text"));
        return (Map<String, Object>) r.get("result");
    }

    @Override void click(String css, int index) {
        // the ladder replaces its arrows when it redraws: a click that lands between finding and pressing is tried again
        for (int attempt = 1; ; attempt++) {
            try {
                clickOnce(css, index);
                return;
            } catch (AssertionError e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("move target out of bounds")) throw e;
            }
        }
    }

    private void clickOnce(String css, int index) {
        // scrolled into view only when it is not (as WebDriver's element click), then found again once it stays the same
        Map<String, Object> node = call("""
                async function(css, index) {
                  const find = () => document.querySelectorAll(css)[index];
                  let e = find();
                  if (!e) return null;
                  const r = e.getBoundingClientRect();
                  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth)
                    e.scrollIntoView({block: "center", inline: "center"});
                  for (let i = 0; i < 20; i++) {
                    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
                    const again = find();
                    if (again === e || !again) return again;
                    e = again;
                  }
                  return e;
                }""", true, css, index);
        if (!"node".equals(node.get("type"))) throw new AssertionError("firefox: no element " + index + " matches " + css);
        Map<String, Object> origin = Map.of("type", "element", "element", Map.of("sharedId", node.get("sharedId")));
        command("input.performActions", Map.of("context", context, "actions", List.of(Map.of("type", "pointer", "id", "mouse",
                "parameters", Map.of("pointerType", "mouse"), "actions", List.of(
                        Map.of("type", "pointerMove", "x", 0, "y", 0, "origin", origin),
                        Map.of("type", "pointerDown", "button", 0),
                        Map.of("type", "pointerUp", "button", 0))))));
    }

    @Override List<String> errors() {
        synchronized (errors) {
            List<String> out = List.copyOf(errors);
            errors.clear();
            return out;
        }
    }

    @Override byte[] screenshot() {
        return Base64.getDecoder().decode((String) command("browsingContext.captureScreenshot", Map.of("context", context)).get("data"));
    }

    /** Sends a BiDi command and waits (up to 60 s) for its result. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> command(String method, Map<String, Object> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(JSON.toJson(Map.of("id", id, "method", method, "params", params)), true).join();
        }
        try {
            Map<String, Object> m = answer.get(60, TimeUnit.SECONDS);
            if ("error".equals(m.get("type"))) throw new AssertionError("firefox: " + method + " failed: " + m.get("error") + ": " + m.get("message"));
            return (Map<String, Object>) m.get("result");
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("firefox: no answer to " + method, e);
        } finally {
            pending.remove(id);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                Map<String, Object> m = JSON.toType(message.toString(), Json.MAP_TYPE);
                message.setLength(0);
                if (m.get("id") instanceof Number id) {
                    CompletableFuture<Map<String, Object>> f = pending.get(id.longValue());
                    if (f != null) f.complete(m);
                } else if ("log.entryAdded".equals(m.get("method"))) {
                    @SuppressWarnings("unchecked") Map<String, Object> entry = (Map<String, Object>) m.get("params");
                    if ("error".equals(entry.get("level"))) synchronized (errors) { errors.add(entry.get("type") + ": " + entry.get("text")); }
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override public void close() {
        try {
            command("session.end", Map.of());
        } catch (AssertionError ignored) {
            // the browser is stopped below either way
        }
        socket.abort();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            try (var files = Files.walk(profile)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
