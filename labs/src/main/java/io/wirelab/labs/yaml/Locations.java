package io.wirelab.labs.yaml;

import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.yaml.YamlTree.YNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where the parts of a LabSpec were written, recorded by the section readers so LabValidator can report at them. */
final class Locations {
    private final Map<String, YNode> nodes = new HashMap<>();
    private final Map<Endpoint, YNode> addresses = new HashMap<>();
    private final Map<Endpoint, YNode> macs = new HashMap<>();
    private final List<YNode> links = new ArrayList<>();
    private final Map<Endpoint, YNode> relays = new HashMap<>();

    void node(String name, YNode at) { nodes.put(name, at); }

    /** The device's name where it is declared. */
    YNode node(String name) { return nodes.get(name); }

    void address(Endpoint iface, YNode at) { addresses.put(iface, at); }

    YNode address(Endpoint iface) { return addresses.get(iface); }

    /** Only for a MAC given in the file. */
    void mac(Endpoint iface, YNode at) { macs.put(iface, at); }

    /** The MAC as written, or null for an automatic one. */
    YNode mac(Endpoint iface) { return macs.get(iface); }

    void relay(Endpoint iface, YNode at) { relays.put(iface, at); }

    /** Where a router interface's dhcp-relay was written (its own or the router's). */
    YNode relay(Endpoint iface) { return relays.get(iface); }

    /** Links in LabSpec order. */
    void link(YNode at) { links.add(at); }

    YNode link(int index) { return links.get(index); }
}
