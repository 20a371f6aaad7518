package io.wirelab.devices.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A virtual host: the names it answers to (Host header, RFC 9110 §7.2) and its content by path. */
public final class Site {
    private final List<String> names;
    private final Map<String, Resource> content = new TreeMap<>();
    private final Map<String, ServerFault> faults = new TreeMap<>();
    private ServerFault siteFault = ServerFault.NONE;

    public Site(String... names) { this.names = List.of(names); }

    public List<String> names() { return names; }

    public Site put(String path, Resource r) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + path);
        content.put(path, r);
        return this;
    }

    public Site put(String path, String text) { return put(path, Resource.text(Resource.typeFor(path) + "; charset=utf-8", text)); }

    public Resource get(String path) { return content.get(path); }

    /** Every response of this site misbehaves so, unless its path has a fault of its own. */
    public Site fault(ServerFault f) { siteFault = f; return this; }

    /** Responses for path misbehave so ("/" stands for "/index.html"). */
    public Site fault(String path, ServerFault f) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + path);
        faults.put(path.endsWith("/") ? path + "index.html" : path, f);
        return this;
    }

    /** The fault for a request path (query removed). */
    public ServerFault faultFor(String path) { return faults.getOrDefault(path, siteFault); }

    public Map<String, Resource> content() { return java.util.Collections.unmodifiableMap(content); }

    /** Adds every regular file under dir, in sorted path order, at "/relative/path". */
    public Site putDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = "/" + dir.relativize(f).toString().replace('\\', '/');
                put(rel, new Resource(Resource.typeFor(rel), Files.readAllBytes(f), false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public boolean answers(String host) {
        for (int i = 0; i < names.size(); i++) if (names.get(i).equalsIgnoreCase(host)) return true;   // per request: no iterator
        return false;
    }
}
