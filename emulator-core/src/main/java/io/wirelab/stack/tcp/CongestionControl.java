package io.wirelab.stack.tcp;

/**
 * A congestion controller (RFC 5681 vocabulary). The connection reports events; the controller owns
 * cwnd and ssthresh (bytes, as long: a loss-free flow acknowledges more than 2^31 bytes) and answers
 * with decisions. It never touches connection state.
 */
interface CongestionControl {
    /** What the connection must do after an ACK. */
    enum Action { NONE, RETRANSMIT_FIRST_UNACKED }

    void init(int smss, int initialWindowSegments);

    long cwnd();
    long ssthresh();
    boolean inRecovery();

    /**
     * An ACK advanced SND.UNA to ack by ackedBytes; flight is the data outstanding before it.
     * cwndLimited: the window was fully used (RFC 7661 §4.1, Linux tcp_is_cwnd_limited); cwnd grows only then.
     */
    Action onNewAck(int ack, long ackedBytes, long flight, boolean cwndLimited, long now);

    /** The dupAcks-th duplicate ACK (RFC 5681 §2); sndUna is the ACK value, sndMax the highest sent. */
    Action onDuplicateAck(int dupAcks, int sndUna, int sndMax, long flight);

    /** RFC 5681 §3.1 eq. (4): the retransmission timer expired. */
    void onRetransmitTimeout(long flight, int sndMax);

    /**
     * A congestion event found by the connection's own loss detection (SACK recovery, RFC 6675 §5 (4.2);
     * a repaired tail loss, RFC 8985 §7.4): sets and returns ssthresh; cwnd is then set by the connection (PRR).
     */
    long reduceSsthresh(long flight);

    /** An RTT sample from one ACK (the newest segment it delivered that was never retransmitted). */
    default void onRttSample(long rtt, int sndUna, int sndNxt, long now) {}

    /** The connection resets the windows from outside the algorithm: restart after idle (RFC 5681 §4.1), RFC 7661. */
    void restart(long cwnd, long ssthresh);
}
