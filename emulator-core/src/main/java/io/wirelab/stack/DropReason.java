package io.wirelab.stack;

import io.wirelab.trace.Counted;

/** A named reason a layer dropped a packet; implemented by one enum per layer. */
public interface DropReason extends Counted {
    enum Direction {
        RX, TX;
        String label() { return this == RX ? "rx" : "tx"; }
    }

    /** "<layer>.<rx|tx>.drop.<reason>", e.g. "ipv4.rx.drop.bad_checksum". */
    @Override String counterName();

    /** The layer's name, e.g. "ipv4"; malformed sub-reasons are counted under it. */
    String layer();

    static String name(String layer, Direction d, Enum<?> reason) {
        return layer + "." + d.label() + ".drop." + reason.name().toLowerCase(java.util.Locale.ROOT);
    }
}
