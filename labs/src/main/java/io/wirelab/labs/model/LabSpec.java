package io.wirelab.labs.model;

import java.util.List;

/**
 * A lab as described by its file: pure data, no simulator (like a Mininet Topo). Nodes keep file
 * order, which also fixes MAC numbering. script is null when the lab has none; source names the
 * file it came from ("labs/x.yaml", "builtin:ping-basics").
 */
public record LabSpec(String name, String description, long seed, List<NodeSpec> nodes, List<LinkSpec> links,
                      List<CaptureSpec> captures, ScriptSpec script, String source) {
    public static final long DEFAULT_SEED = 1;

    public LabSpec {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        captures = List.copyOf(captures);
        if (description == null) description = "";
    }

    public NodeSpec node(String nodeName) {
        for (NodeSpec n : nodes) if (n.name().equals(nodeName)) return n;
        return null;
    }

    /** Whether a node is a bridge to a real interface: such a lab runs in real time. */
    public boolean hasBridges() {
        for (NodeSpec n : nodes) if (n.kind() == NodeKind.BRIDGE) return true;
        return false;
    }

    public LabSpec withSeed(long newSeed) {
        return new LabSpec(name, description, newSeed, nodes, links, captures, script, source);
    }
}
