package io.wirelab.labs.model;

import io.wirelab.link.LinkParams;

/** A cable between two ports; params apply to both directions. Ends are resolved ("sw1" -> "sw1:p3"). */
public record LinkSpec(Endpoint a, Endpoint b, LinkParams params) {
    @Override public String toString() { return a + " <-> " + b; }
}
