package io.wirelab.trace;

/** Something counted under a fixed name, {@code <layer>.<direction>.<outcome>[.<reason>]}; implemented by enums. */
public interface Counted {
    /** e.g. "tcp.tx.retransmit", "ipv4.rx.drop.bad_checksum", "dhcp.tx.request.renewing". */
    String counterName();
}
