package io.wirelab.report;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/**
 * A real browser with report.html open from disk, as the report's tests drive it: headless chromium
 * through chromedriver ({@link ChromiumBrowser}) or headless Firefox over its own WebDriver BiDi
 * endpoint ({@link FirefoxBrowser}). The tests query the page with JavaScript and click with the
 * browser's real pointer input, so the same assertions run in both. Nothing is downloaded.
 */
abstract class ReportBrowser implements AutoCloseable {
    static final List<String> NAMES = List.of("chromium", "firefox");
    private static final Json JSON = new Json();

    /** Starts the named browser with a viewport of width x height CSS pixels; skips (or fails under CI) when it is not installed. */
    static ReportBrowser start(String name, int width, int height) {
        return switch (name) {
            case "chromium" -> ChromiumBrowser.start(width, height);
            case "firefox" -> FirefoxBrowser.start(width, height);
            default -> throw new IllegalArgumentException("no browser " + name);
        };
    }

    abstract String name();

    /** Navigates to the file (file://) and waits until the page says it has drawn. */
    void open(Path html) {
        navigate(html.toUri().toString());
        await("document.body && document.body.dataset.ready === 'true'");
    }

    abstract void navigate(String url);

    /**
     * Runs body as a function of its arguments (strings and numbers) in the page and returns its
     * result through JSON: a String, Long, Double, Boolean, List, Map or null.
     */
    Object js(String body, Object... args) {
        String json = evaluateToJson("return JSON.stringify((function() {" + body + "}).apply(null, arguments) ?? null);", args);
        return JSON.toType(json, Object.class);
    }

    /** Runs a function body that returns a string, with arguments; returns that string. */
    abstract String evaluateToJson(String body, Object... args);

    String text(String css) { return (String) js("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css); }

    long count(String css) { return ((Number) js("return document.querySelectorAll(arguments[0]).length;", css)).longValue(); }

    String attribute(String css, int index, String name) {
        return (String) js("const e = document.querySelectorAll(arguments[0])[arguments[1]]; return e ? e.getAttribute(arguments[2]) : null;", css, index, name);
    }

    /** The bounding box (x, y, width, height in CSS px) of the index-th element matching css. */
    @SuppressWarnings("unchecked")
    Map<String, Number> rect(String css, int index) {
        return (Map<String, Number>) js("const r = document.querySelectorAll(arguments[0])[arguments[1]].getBoundingClientRect();"
                + " return {x: r.x, y: r.y, width: r.width, height: r.height};", css, index);
    }

    /** Clicks the middle of the index-th element matching css with the browser's pointer, after scrolling it into view. */
    abstract void click(String css, int index);

    void click(String css) { click(css, 0); }

    /** Picks the option of a select element by value, as a user does: the select fires its change event. */
    void select(String css, String value) {
        js("const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true}));", css, value);
    }

    /** Waits (up to 30 s) until the expression is true in the page. */
    void await(String condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!Boolean.TRUE.equals(js("return !!(" + condition + ");"))) {
            if (Instant.now().isAfter(end)) throw new AssertionError(name() + ": still not " + condition + " after 30 s");
            try {
                Thread.sleep(25);   // a WebDriver wait's poll interval
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The page's console errors and uncaught exceptions since the last call. */
    abstract List<String> errors();

    /** The viewport as a PNG. */
    abstract byte[] screenshot();

    @Override public abstract void close();
}
