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
import io.wirelab.link.LinkParams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
        if (list.items().size() > LabLimits.MAX_LINKS) {
            problems.add(linksNode, "the lab has " + list.items().size() + " links; the limit is " + LabLimits.MAX_LINKS, "see docs/lab-format.md#limits");
            return List.of();
        }
        List<LinkDraft> drafts = new ArrayList<>();
        for (YNode item : list.items()) {
            if (!(item instanceof YList l) || l.items().size() < 2 || l.items().size() > 3) {
                problems.add(item, "a link is [end, end] or [end, end, { settings }]", "e.g. - [pc1:eth0, sw1:p1, { bandwidth: 100Mbps, delay: 1ms }]");
                continue;
            }
            EndRef a = ends.read(l.items().get(0), "link");
            EndRef b = ends.read(l.items().get(1), "link");
            LinkParams params = defaults;
            if (l.items().size() == 3) {
                YMap props = values.optionalMap(l.items().get(2), "link settings");
                if (props != null) params = settings.read(props, LinkSettings.KEYS, defaults, "a link");
            }
            if (a != null && b != null && params != null) drafts.add(new LinkDraft(a, b, params, item));
        }
        return resolve(drafts, at);
    }

    /** Explicit ends claim their ports first; a bare device name then takes its first port no link names. */
    private List<LinkSpec> resolve(List<LinkDraft> drafts, Locations at) {
        Set<Endpoint> named = new LinkedHashSet<>();
        for (LinkDraft l : drafts) for (EndRef e : List.of(l.a, l.b)) if (e.iface() != null) named.add(new Endpoint(e.node(), e.iface()));
        Map<Endpoint, YNode> used = new LinkedHashMap<>();
        List<LinkSpec> result = new ArrayList<>();
        for (LinkDraft l : drafts) {
            Endpoint a = claim(l.a, named, used);
            Endpoint b = claim(l.b, named, used);
            if (a != null && b != null) {
                result.add(new LinkSpec(a, b, l.params));
                at.link(l.at);
            }
        }
        return result;
    }

    private Endpoint claim(EndRef e, Set<Endpoint> named, Map<Endpoint, YNode> used) {
        Endpoint ep;
        if (e.iface() != null) {
            ep = new Endpoint(e.node(), e.iface());
        } else {
            ep = null;
            for (String i : nodes.get(e.node()).ifaceNames()) {
                Endpoint c = new Endpoint(e.node(), i);
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
