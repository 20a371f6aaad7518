package io.wirelab.labs.model;

/** One end of a link, "pc1:eth0". */
public record Endpoint(String node, String iface) {
    @Override public String toString() { return node + ":" + iface; }
}
