package io.wirelab.stack.tcp;

/** A snapshot of one connection (like Linux TCP_INFO). Sequence numbers are unsigned 32-bit values. */
public record TcpInfo(TcpState state, long sndUna, long sndNxt, long rcvNxt, long cwnd, long ssthresh,
                      long srttNanos, long rtoNanos, long retransmits, long bytesSent, long bytesReceived,
                      long bytesAcked, int mss, int sndWnd, int rcvWnd) {}
