package io.wirelab.stack.tcp;

import io.wirelab.wire.tcp.Seq;

/**
 * Undo of a window reduction found to be spurious, as Linux's tcp_try_undo_* (net/ipv4/tcp_input.c): the
 * cwnd and ssthresh from before the loss episode come back when every retransmission of the episode was
 * reported needless by a D-SACK (RFC 2883 §5; Linux undo_retrans) or when an ACK echoes a timestamp older
 * than the episode's first retransmission, so it was sent for an original (Eifel detection, RFC 3522 §3.2;
 * Linux tcp_packet_delayed).
 */
final class LossUndo {
    private boolean armed;              // Linux undo_marker != 0
    private int startSeq;               // Linux undo_marker: SND.UNA when the episode began
    private long priorCwnd, priorSsthresh;
    private int retransmissions;        // Linux undo_retrans: retransmissions not yet reported needless
    private boolean retransmitted;
    private boolean stamped;            // retransStamp is valid (Linux retrans_stamp != 0)
    private int retransStamp;           // TSval of the episode's first retransmission

    /** Linux tcp_init_undo: a loss episode begins; prior ssthresh as tcp_current_ssthresh (at least 3/4 cwnd). */
    void start(int sndUna, long cwnd, long ssthresh) {
        armed = true;
        startSeq = sndUna;
        priorCwnd = cwnd;
        priorSsthresh = Math.max(ssthresh, (cwnd >> 1) + (cwnd >> 2));
        retransmissions = 0;
        retransmitted = false;
        stamped = false;
    }

    /**
     * The episode's losses are repaired (Linux: Open again, retrans_stamp = 0): timestamps no longer tell,
     * but D-SACKs arriving later still undo (tcp_try_undo_dsack in the Open state).
     */
    void endEpisode() { stamped = false; }

    boolean armed() { return armed; }

    /** A retransmission left; tsVal is the timestamp clock now. */
    void onRetransmit(int tsVal) {
        if (!armed) return;
        retransmissions++;
        if (!retransmitted) { retransmitted = true; stamped = true; retransStamp = tsVal; }
    }

    /** RFC 2883 §5: a D-SACK block ending after the episode began reports one retransmission needless. */
    void onDsack(int blockRight) {
        if (armed && retransmissions > 0 && Seq.gt(blockRight, startSeq)) retransmissions--;
    }

    /** RFC 3522 §3.2 (Linux tcp_packet_delayed): TSecr older than the first retransmission. 0 = no timestamp. */
    boolean packetDelayed(int tsEcr) { return armed && stamped && tsEcr != 0 && tsEcr - retransStamp < 0; }

    /** Every retransmission of the episode was reported needless by D-SACK. */
    boolean allDsacked() { return armed && retransmitted && retransmissions == 0; }

    /** Linux tcp_may_undo. */
    boolean mayUndo(int tsEcr) { return allDsacked() || packetDelayed(tsEcr); }

    /** Linux tcp_undo_cwnd_reduction with the Reno/CUBIC undo_cwnd: the larger of now and before. */
    void undo(CongestionControl cc) {
        cc.restart(Math.max(cc.cwnd(), priorCwnd), Math.max(cc.ssthresh(), priorSsthresh));
        armed = false;
    }
}
