package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;

/**
 * A named set of TCP defaults; every individual setting still overrides it. LINUX is the default
 * ({@link TcpOptions#defaults()}). Values and sources are listed in docs/conformance-tcp.md ("Profiles").
 */
public enum TcpProfile {
    /**
     * Linux 6.x as it behaves on the wire (LINUX-TCP.md): SACK, timestamps, window scale 7, SYN window
     * 64240 / SYN-ACK 65160 (64 KiB rounded down to whole segments), adaptive delayed ACK, min RTO 200 ms,
     * TIME-WAIT 60 s, CUBIC, buffer autotuning (tcp_moderate_rcvbuf).
     */
    LINUX,
    /**
     * The textbook (RFCs as written): NewReno, no SACK or timestamps, a fixed 200 ms delayed ACK, RTO floor
     * 1 s (RFC 6298 (2.4)), TIME-WAIT 2 x MSL with MSL 2 minutes (RFC 9293 §3.4.2), fixed buffers.
     */
    TEXTBOOK;

    /** This profile's settings. */
    public TcpOptions options() {
        return switch (this) {
            case LINUX -> TcpOptions.defaults();
            case TEXTBOOK -> TcpOptions.builder().congestion(TcpCongestion.NEWRENO).sack(false)
                    .timestamps(false).linuxWindows(false).delayedAckMode(DelayedAckMode.FIXED)
                    .delayedAckNanos(SimTime.millis(200)).minRtoNanos(SimTime.seconds(1)).mslNanos(SimTime.seconds(120))
                    .autotune(false).build();
        };
    }
}
