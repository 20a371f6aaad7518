package io.wirelab.stack.tcp;

import io.wirelab.stack.DropReason;

/** Why TCP dropped an incoming segment; counted as tcp.rx.drop.&lt;name&gt;. */
public enum TcpDrop implements DropReason {
    MALFORMED, BAD_CHECKSUM, BAD_PORT, NO_SOCKET, LISTEN_OVERFLOW, LISTEN_NOT_SYN,
    UNACCEPTABLE_SEQ, UNACCEPTABLE_ACK, CHALLENGE_ACK, NO_ACK_BIT,
    SYN_SENT_NO_SYN, DATA_AFTER_CLOSE, OUT_OF_BUFFER,
    // ICMP errors TCP did not act on: no connection, quoted sequence not in flight (RFC 5927 §4.1), ignored type/state
    ICMP_NO_SOCKET, ICMP_OUT_OF_WINDOW, ICMP_IGNORED,
    PAWS_REJECTED;                                             // RFC 7323 §5.3 R1: TSval older than TS.Recent

    private final String counterName = DropReason.name("tcp", Direction.RX, this);

    public Direction direction() { return Direction.RX; }
    @Override public String counterName() { return counterName; }
    @Override public String layer() { return "tcp"; }
}
