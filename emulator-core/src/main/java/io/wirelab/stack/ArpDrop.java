package io.wirelab.stack;

/** Why ArpLayer dropped an ARP packet, or a datagram waiting for resolution. */
public enum ArpDrop implements DropReason {
    MALFORMED(Direction.RX),
    OWN_FRAME(Direction.RX),
    BAD_SENDER(Direction.RX),
    ADDRESS_CONFLICT(Direction.RX),
    NOT_FOR_US(Direction.RX),
    UNSOLICITED_REPLY(Direction.RX),
    UNKNOWN_OPERATION(Direction.RX),
    NO_ADDRESS(Direction.TX),
    QUEUE_FULL(Direction.TX),
    RESOLUTION_FAILED(Direction.TX);

    private final Direction direction;
    private final String counterName;

    ArpDrop(Direction direction) {
        this.direction = direction;
        this.counterName = DropReason.name("arp", direction, this);
    }

    public Direction direction() { return direction; }
    @Override public String counterName() { return counterName; }
    @Override public String layer() { return "arp"; }
}
