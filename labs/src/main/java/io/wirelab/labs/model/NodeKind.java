package io.wirelab.labs.model;

/**
 * What a node is. Hosts (pc, server) run a network stack; switches forward frames; routers forward
 * IPv4 datagrams between their subnets; a bridge is a real interface of the machine (its one port is
 * named after it) that the lab is attached to.
 */
public enum NodeKind {
    PC("pc"), SERVER("server"), SWITCH("switch"), ROUTER("router"), BRIDGE("bridge");

    private final String yamlName;

    NodeKind(String yamlName) { this.yamlName = yamlName; }

    /** The spelling in lab files, "pc". */
    public String yamlName() { return yamlName; }

    public boolean isHost() { return this == PC || this == SERVER; }

    /** Whether it runs a network stack with addresses of its own: hosts and routers. */
    public boolean hasAddresses() { return isHost() || this == ROUTER; }

    public static NodeKind fromYaml(String name) {
        for (NodeKind k : values()) if (k.yamlName.equals(name)) return k;
        return null;
    }

    @Override public String toString() { return yamlName; }
}
