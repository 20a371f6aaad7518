package io.wirelab.stack;

/** Why Icmpv4Layer dropped a message, or declined to send an error. */
public enum Icmpv4Drop implements DropReason {
    MALFORMED(Direction.RX),
    BAD_CHECKSUM(Direction.RX),
    ECHO_TO_BROADCAST(Direction.RX),
    BAD_QUOTED_DATAGRAM(Direction.RX),
    UNKNOWN_TYPE(Direction.RX),
    ERROR_SUPPRESSED(Direction.TX);

    private final Direction direction;
    private final String counterName;

    Icmpv4Drop(Direction direction) {
        this.direction = direction;
        this.counterName = DropReason.name("icmp", direction, this);
    }

    public Direction direction() { return direction; }
    @Override public String counterName() { return counterName; }
    @Override public String layer() { return "icmp"; }
}
