package io.wirelab.labs.yaml;

import io.wirelab.labs.model.CaptureSpec;
import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.yaml.EndpointReader.EndRef;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the `captures:` section: `all` (every linked host interface), or a list of ports and devices, each once. */
final class CapturesReader {
    private final Problems problems;
    private final EndpointReader ends;
    private final Map<String, NodeDraft> nodes;

    CapturesReader(Problems problems, EndpointReader ends, Map<String, NodeDraft> nodes) {
        this.problems = problems;
        this.ends = ends;
        this.nodes = nodes;
    }

    /** A device named without an interface captures each of its linked interfaces. */
    List<CaptureSpec> read(YNode node, List<LinkSpec> links) {
        Set<Endpoint> linked = new LinkedHashSet<>();
        for (LinkSpec l : links) { linked.add(l.a()); linked.add(l.b()); }
        List<CaptureSpec> out = new ArrayList<>();
        if (node instanceof YScalar sc && !sc.isNull() && sc.text().equals("all")) {
            for (NodeDraft d : nodes.values()) {
                if (!d.kind.isHost()) continue;
                for (String i : d.ifaceNames()) if (linked.contains(new Endpoint(d.name, i))) out.add(new CaptureSpec(new Endpoint(d.name, i)));
            }
            return out;
        }
        if (!(node instanceof YList list)) {
            problems.add(node, "'captures' must be a list of ports, or all", "e.g. captures: [pc1:eth0, pc2:eth0]");
            return out;
        }
        Map<Endpoint, YNode> seen = new LinkedHashMap<>();
        for (YNode item : list.items()) {
            EndRef e = ends.read(item, "captures");
            if (e == null) continue;
            List<Endpoint> points = new ArrayList<>();
            if (e.iface() != null) {
                points.add(new Endpoint(e.node(), e.iface()));
            } else {
                for (String i : nodes.get(e.node()).ifaceNames()) if (linked.contains(new Endpoint(e.node(), i))) points.add(new Endpoint(e.node(), i));
                if (points.isEmpty()) problems.add(item, e.node() + " has no linked interface to capture", "link it first, or name an interface");
            }
            for (Endpoint p : points) {
                YNode prev = seen.putIfAbsent(p, item);
                if (prev != null) problems.add(item, p + " is already captured (line " + prev.line() + ")", "list each capture point once");
                else out.add(new CaptureSpec(p));
            }
        }
        return out;
    }
}
