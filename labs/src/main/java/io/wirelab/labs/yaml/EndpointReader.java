package io.wirelab.labs.yaml;

import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.yaml.YamlTree.YNode;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a port reference, "node:iface" or "node", as links and captures write it, against the devices read. */
final class EndpointReader {
    /** A device and, when named, its interface ("sw1:p01" becomes p1); at is where it was written. */
    record EndRef(String node, String iface, YNode at) {}

    private static final Pattern SWITCH_PORT = Pattern.compile("p([0-9]{1,5})");

    private final ValueReader values;
    private final Problems problems;
    private final Map<String, NodeDraft> nodes;

    EndpointReader(ValueReader values, Map<String, NodeDraft> nodes) {
        this.values = values;
        this.problems = values.problems;
        this.nodes = nodes;
    }

    /** Checks that the node exists and, if named, that the interface does; where ("link", "captures") goes into the message. */
    EndRef read(YNode node, String where) {
        String t = values.text(node, "a port such as pc1:eth0 or sw1:p1");
        if (t == null) return null;
        String[] parts = t.split(":", -1);
        if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            problems.add(node, "'" + t + "' is not a port", "write device:interface (pc1:eth0, sw1:p1) or a device name");
            return null;
        }
        NodeDraft d = nodes.get(parts[0]);
        if (d == null) {
            problems.add(node, "unknown device '" + parts[0] + "' in " + where, DidYouMean.hint(parts[0], nodes.keySet()));
            return null;
        }
        if (parts.length == 1) return new EndRef(d.name, null, node);
        String iface = parts[1];
        if (d.kind == NodeKind.SWITCH) {
            var m = SWITCH_PORT.matcher(iface);
            if (!m.matches()) {
                problems.add(node, d.name + " has no port '" + iface + "'", "switch ports are named p1..p" + d.ports);
                return null;
            }
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > d.ports) {
                problems.add(node, d.name + " has " + d.ports + " ports (p1..p" + d.ports + "); " + iface + " is beyond them",
                        "raise 'ports:' on " + d.name + " or use a free port");
                return null;
            }
            return new EndRef(d.name, "p" + n, node);
        }
        if (!d.ifaceNames().contains(iface)) {
            List<String> names = d.ifaceNames();
            String hint = DidYouMean.suggest(iface, names) != null ? DidYouMean.hint(iface, names)
                    : "declare it under " + d.name + ": interfaces: { " + iface + ": { ip: ... } }";
            problems.add(node, d.name + " has no interface '" + iface + "' (it has " + String.join(", ", names) + ")", hint);
            return null;
        }
        return new EndRef(d.name, iface, node);
    }
}
