package io.wirelab.stack;

/** Why Ipv4Layer dropped a datagram or fragment. */
public enum Ipv4Drop implements DropReason {
    MALFORMED(Direction.RX),
    BAD_CHECKSUM(Direction.RX),
    BAD_SOURCE(Direction.RX),
    /** From the wire with one of this host's own addresses as source (a "land" attack, or an address conflict). */
    MARTIAN_SOURCE(Direction.RX),
    NOT_FOR_THIS_HOST(Direction.RX),
    UNKNOWN_PROTOCOL(Direction.RX),
    FRAGMENT_BAD_LENGTH(Direction.RX),
    FRAGMENT_DUPLICATE(Direction.RX),
    FRAGMENT_OVERLAP(Direction.RX),
    FRAGMENT_INCONSISTENT(Direction.RX),
    REASSEMBLY_TIMEOUT(Direction.RX),
    REASSEMBLY_LIMIT(Direction.RX),
    REASSEMBLED_TOO_BIG(Direction.RX),
    /** Handling a looped-back datagram threw (reported in Simulator.faults()). */
    HANDLER_FAULT(Direction.RX),
    NO_ROUTE(Direction.TX),
    NO_SOURCE_ADDRESS(Direction.TX),
    TTL_ZERO(Direction.TX),
    TOO_BIG(Direction.TX),
    FRAGMENTATION_NEEDED(Direction.TX);

    private final Direction direction;
    private final String counterName;

    Ipv4Drop(Direction direction) {
        this.direction = direction;
        this.counterName = DropReason.name("ipv4", direction, this);
    }

    public Direction direction() { return direction; }
    @Override public String counterName() { return counterName; }
    @Override public String layer() { return "ipv4"; }
}
