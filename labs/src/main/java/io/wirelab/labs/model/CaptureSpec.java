package io.wirelab.labs.model;

/** A capture point: every frame in and out of node:iface goes to one pcapng file. */
public record CaptureSpec(Endpoint point) {
    /** File name in the output directory: "pc1-eth0.pcapng". */
    public String fileName() { return point.node() + "-" + point.iface() + ".pcapng"; }
}
