package io.wirelab.stack.tcp;

/**
 * A congestion controller (RFC 5681 vocabulary). The connection reports events; the controller owns
 * cwnd and ssthresh and answers with decisions. It never touches connection state.
 */
interface CongestionControl {
    /** What the connection must do after an ACK. */
    enum Action { NONE, RETRANSMIT_FIRST_UNACKED }

    void init(int smss, int initialWindowSegments);

    int cwnd();
    int ssthresh();
    boolean inRecovery();

    /** An ACK advanced SND.UNA by ackedBytes; flight is the data outstanding before it. */
    Action onNewAck(int ack, int ackedBytes, int flight);

    /** The dupAcks-th duplicate ACK (RFC 5681 §2); sndUna is the ACK value, sndMax the highest sent. */
    Action onDuplicateAck(int dupAcks, int sndUna, int sndMax, int flight);

    /** RFC 5681 §3.1 eq. (4): the retransmission timer expired. */
    void onRetransmitTimeout(int flight, int sndMax);
}
