package io.wirelab.scripting;

import java.util.Iterator;
import java.util.List;

/** A device's routes in use ({@code pc1.routes}), one line each like {@code ip route}: iterable text lines. */
public final class RouteList implements Iterable<String> {
    private final List<String> routes;

    RouteList(List<String> routes) { this.routes = List.copyOf(routes); }

    public String get(int i) { return routes.get(i); }
    public int size() { return routes.size(); }
    public boolean contains(String route) { return routes.contains(route); }
    @Override public Iterator<String> iterator() { return routes.iterator(); }
    @Override public String toString() { return routes.isEmpty() ? "(no routes)" : String.join("\n", routes); }
}
