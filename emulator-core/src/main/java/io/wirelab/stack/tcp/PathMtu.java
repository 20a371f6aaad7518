package io.wirelab.stack.tcp;

/**
 * Path MTU discovery for one connection (RFC 1191): starts at the outgoing interface's MTU and only
 * falls, on an ICMP "fragmentation needed" quoting one of our segments (Linux __ip_rt_update_pmtu).
 */
final class PathMtu {
    /** Linux ip_rt_min_pmtu (512 + 20 + 20): a smaller or zero next-hop MTU is raised to this. */
    static final int MIN_PMTU = 552;

    private int mtu;

    PathMtu(int interfaceMtu) { this.mtu = interfaceMtu; }

    int mtu() { return mtu; }

    /**
     * RFC 1191 §6.1: take the reported next-hop MTU if it is lower, never raise on an ICMP. A router
     * that predates RFC 1191 reports 0 (§5); Linux then uses 552 rather than the plateau table.
     * Returns whether the path MTU fell.
     */
    boolean lower(int nextHopMtu) {
        int reported = nextHopMtu < MIN_PMTU ? Math.min(mtu, MIN_PMTU) : nextHopMtu;
        if (reported >= mtu) return false;
        mtu = reported;
        return true;
    }
}
