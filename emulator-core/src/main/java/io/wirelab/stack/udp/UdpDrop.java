package io.wirelab.stack.udp;

import io.wirelab.stack.DropReason;

/** Why UdpLayer dropped a datagram. */
public enum UdpDrop implements DropReason {
    MALFORMED(Direction.RX),
    BAD_CHECKSUM(Direction.RX),
    NO_SOCKET(Direction.RX),
    NO_SOCKET_BROADCAST(Direction.RX),
    SOCKET_CLOSED(Direction.TX),
    TOO_BIG(Direction.TX),
    NO_SOURCE_ADDRESS(Direction.TX);

    private final Direction direction;
    private final String counterName;

    UdpDrop(Direction direction) {
        this.direction = direction;
        this.counterName = DropReason.name("udp", direction, this);
    }

    public Direction direction() { return direction; }
    @Override public String counterName() { return counterName; }
    @Override public String layer() { return "udp"; }
}
