package io.wirelab.labs.yaml;

import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.LabLimits;
import io.wirelab.labs.model.LinkSettings;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.model.NodeKind;
import io.wirelab.labs.yaml.EndpointReader.EndRef;
import io.wirelab.labs.yaml.YamlTree.YList;
import io.wirelab.labs.yaml.YamlTree.YMap;
import io.wirelab.labs.yaml.YamlTree.YNode;
import io.wirelab.labs.yaml.YamlTree.YScalar;
import io.wirelab.link.LinkParams;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the `links:` section: each [end, end, { settings }] with its settings over the lab's link
 * defaults (LinkSettings.KEYS), then gives bare device names their ports. A port takes one link.
 */
final class LinksReader {
    private record LinkDraft(EndRef a, EndRef b, LinkParams params, YNode at) {}

    private final ValueReader values;
    private final Problems problems;
    private final SettingsReader settings;
    private final EndpointReader ends;
    private final Map<String, NodeDraft> nodes;

    LinksReader(ValueReader values, EndpointReader ends, Map<String, NodeDraft> nodes) {
        this.values = values;
        this.problems = values.problems;
        this.settings = new SettingsReader(values);
        this.ends = ends;
        this.nodes = nodes;
    }

    /** The link settings under defaults: link:, over the built-in ones; null when they have problems. */
    LinkParams defaults(YMap m) { return settings.read(m, LinkSettings.KEYS, LinkParams.DEFAULT, "a link"); }

    /** The links in file order; where each was written goes to at. */
    List<LinkSpec> read(YNode linksNode, LinkParams defaults, Locations at) {
        if (!(linksNode instanceof YList list)) {
            problems.add(linksNode, "'links' must be a list", "e.g. links: [ [pc1:eth0, sw1:p1, { delay: 1ms }] ]");
            return List.of();
        }
        long total = 0;
        for (YNode item : list.items()) total += expandedCount(item);
        if (total > LabLimits.MAX_LINKS) {
            problems.add(linksNode, "the lab has " + total + " links; the limit is " + LabLimits.MAX_LINKS, "see docs/lab-format.md#limits");
            return List.of();
        }
        List<LinkDraft> drafts = new ArrayList<>();
        for (YNode item : list.items()) {
            if (!(item instanceof YList l) || l.items().size() < 2 || l.items().size() > 3) {
                problems.add(item, "a link is [end, end] or [end, end, { settings }]", "e.g. - [pc1:eth0, sw1:p1, { bandwidth: 100Mbps, delay: 1ms }]");
                continue;
            }
            LinkParams params = defaults;
            if (l.items().size() == 3) {
                YMap props = values.optionalMap(l.items().get(2), "link settings");
                if (props != null) params = settings.read(props, LinkSettings.KEYS, defaults, "a link");
            }
            List<YNode> as = expand(l.items().get(0)), bs = expand(l.items().get(1));
            if (as == null || bs == null || !pairable(as.size(), bs.size(), item)) continue;
            int n = Math.max(as.size(), bs.size());
            int problemsBefore = problems.size();
            for (int i = 0; i < n && problems.size() == problemsBefore; i++) {
                EndRef a = ends.read(as.get((int) ((long) i * as.size() / n)), "link");
                EndRef b = ends.read(bs.get((int) ((long) i * bs.size() / n)), "link");
                if (a != null && b != null && params != null) drafts.add(new LinkDraft(a, b, params, item));
            }
        }
        return resolve(drafts, at);
    }

    /**
     * One end as the ends it stands for: itself, or a group's members in order (pc1..pc3 is pc1, pc2,
     * pc3); null after reporting a malformed group.
     */
    private List<YNode> expand(YNode end) {
        if (!(end instanceof YScalar s) || !NodeGroup.isGroup(s.text())) return List.of(end);
        NodeGroup g = NodeGroup.parse(s.text(), s.line(), s.column(), problems, LabLimits.MAX_LINKS, "group of link ends");
        if (g == null) return null;
        return new AbstractList<>() {
            @Override public YNode get(int i) { return new YScalar(g.end(i), s.line(), s.column()); }
            @Override public int size() { return g.size(); }
        };
    }

    /**
     * Two ends of sizes a and b pair when equal (member i with member i) or when one divides the
     * other: then each member of the smaller takes a block of consecutive members of the larger,
     * as [pc1..pc200, sw1..sw2] links pc1..pc100 to sw1 and pc101..pc200 to sw2.
     */
    private boolean pairable(int a, int b, YNode at) {
        if (a == b || (a > b ? a % b : b % a) == 0) return true;
        problems.add(at, "the ends have " + a + " and " + b + " members, and neither count divides the other",
                "a group links member by member to a group of the same size, or in equal blocks to a group whose size divides its own");
        return false;
    }

    private static long expandedCount(YNode item) {
        if (!(item instanceof YList l) || l.items().size() < 2) return 1;
        long n = 1;
        for (YNode end : l.items().subList(0, 2))
            if (end instanceof YScalar s && NodeGroup.isGroup(s.text())) {
                NodeGroup g = NodeGroup.parse(s.text(), 0, 0, new Problems(""), Long.MAX_VALUE, "group");
                if (g != null) n = Math.max(n, g.size());
            }
        return n;
    }

    /**
     * Explicit ends claim their ports first; a bare device name then takes its first port no link names.
     * A port once taken stays taken, so each device's search resumes where its last one ended (firstFree):
     * a switch's 250 bare links cost 250 checks, not 250 * 250 / 2.
     */
    private List<LinkSpec> resolve(List<LinkDraft> drafts, Locations at) {
        Set<Endpoint> named = new HashSet<>();
        for (LinkDraft l : drafts) for (EndRef e : List.of(l.a, l.b)) if (e.iface() != null) named.add(new Endpoint(e.node(), e.iface()));
        Map<Endpoint, YNode> used = new HashMap<>();
        Map<String, FreePorts> free = new HashMap<>();
        List<LinkSpec> result = new ArrayList<>();
        for (LinkDraft l : drafts) {
            Endpoint a = claim(l.a, named, used, free);
            Endpoint b = claim(l.b, named, used, free);
            if (a != null && b != null) {
                result.add(new LinkSpec(a, b, l.params));
                at.link(l.at);
            }
        }
        return result;
    }

    /** A device's interface names and the index before which none is free. */
    private static final class FreePorts {
        final List<String> names;
        int firstFree;

        FreePorts(List<String> names) { this.names = names; }
    }

    private Endpoint claim(EndRef e, Set<Endpoint> named, Map<Endpoint, YNode> used, Map<String, FreePorts> free) {
        Endpoint ep;
        if (e.iface() != null) {
            ep = new Endpoint(e.node(), e.iface());
        } else {
            ep = null;
            FreePorts f = free.computeIfAbsent(e.node(), n -> new FreePorts(nodes.get(n).ifaceNames()));
            for (; f.firstFree < f.names.size(); f.firstFree++) {
                Endpoint c = new Endpoint(e.node(), f.names.get(f.firstFree));
                if (!named.contains(c) && !used.containsKey(c)) { ep = c; break; }
            }
            if (ep == null) {
                problems.add(e.at(), e.node() + " has no free interface left for this link",
                        nodes.get(e.node()).kind == NodeKind.SWITCH ? "raise 'ports:' on " + e.node() : "declare another interface under " + e.node() + ": interfaces:");
                return null;
            }
        }
        YNode prev = used.putIfAbsent(ep, e.at());
        if (prev != null) {
            problems.add(e.at(), ep + " is already used by the link at line " + prev.line(), "a port takes one cable; use a free port");
            return null;
        }
        return ep;
    }
}
