package io.wirelab.stack;

/** Why EthernetLayer dropped a frame. */
public enum EthernetDrop implements DropReason {
    MALFORMED(Direction.RX),
    NOT_FOR_US(Direction.RX),
    OWN_FRAME(Direction.RX),
    UNKNOWN_ETHERTYPE(Direction.RX),
    PORT_DOWN(Direction.TX);

    private final Direction direction;
    private final String counterName;

    EthernetDrop(Direction direction) {
        this.direction = direction;
        this.counterName = DropReason.name("ethernet", direction, this);
    }

    public Direction direction() { return direction; }
    @Override public String counterName() { return counterName; }
    @Override public String layer() { return "ethernet"; }
}
