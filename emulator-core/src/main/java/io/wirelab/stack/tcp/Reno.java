package io.wirelab.stack.tcp;

/**
 * RFC 5681 fast recovery as written, without RFC 6582: the first ACK of new data ends recovery and sets
 * cwnd to ssthresh (RFC 5681 §3.2 step 6), so a second loss in the same window waits for another three
 * duplicate ACKs or the RTO. Growth and ssthresh are {@link NewReno}'s.
 */
final class Reno extends NewReno {
    @Override boolean endsRecovery(int ack) { return true; }

    @Override long cwndAfterRecovery(long flight, long ackedBytes) { return ssthresh; }
}
