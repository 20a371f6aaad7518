package io.wirelab.stack.tcp;

/** RFC 9293 §3.3.2 connection states. toString() gives the RFC spelling, e.g. "SYN-SENT". */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED,
    FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** RFC 9293 §3.3.2: states after the handshake completed. */
    public boolean isSynchronized() {
        return this != CLOSED && this != LISTEN && this != SYN_SENT && this != SYN_RECEIVED;
    }

    @Override public String toString() { return name().replace('_', '-'); }
}
