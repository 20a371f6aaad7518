package io.wirelab.stack;

/** Told of ICMP errors about datagrams this host sent; UDP, TCP and ping register one. */
@FunctionalInterface
public interface Icmpv4ErrorListener {
    void onIcmpError(Icmpv4Error error, long now);
}
