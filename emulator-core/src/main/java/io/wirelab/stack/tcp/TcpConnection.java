package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.tcp.Seq;
import io.wirelab.wire.tcp.TcpFlags;
import io.wirelab.wire.tcp.TcpHeader;
import io.wirelab.wire.tcp.TcpOption;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One TCP connection. Single-threaded; every entry point receives the current virtual time.
 * Read first: RFC 9293 §3.10 (event processing: OPEN, SEND, RECEIVE, CLOSE, ABORT, SEGMENT ARRIVES,
 * timeouts), then RFC 6298 (RtoEstimator), RFC 5681/6582 (NewReno), RFC 5961 (RST/SYN/ACK checks).
 * App callbacks run at the end of an entry point, after every state change and segment is done.
 * Deviations in this file (all in docs/conformance.md): DEVIATION tags below; URG is ignored;
 * SACK blocks in ReassemblyQueue, loss recovery from them in SackRecovery; PAWS in Paws.
 */
final class TcpConnection {
    static final int DEFAULT_MSS = 536;                        // RFC 9293 §3.7.1: assumed without the option
    static final long FIN_WAIT_2_TIMEOUT = SimTime.seconds(60); // Linux tcp_fin_timeout for orphaned sockets
    static final int SYN_ACK_RETRIES = 5;                      // Linux tcp_synack_retries
    static final long CHALLENGE_ACK_INTERVAL = SimTime.millis(500);   // Linux tcp_invalid_ratelimit
    static final long SYN_FALLBACK_RTO = SimTime.seconds(3);   // RFC 6298 (5.7), Linux TCP_TIMEOUT_FALLBACK
    static final int LINUX_WINDOW_SHIFT = 7;                   // Linux tcp_select_initial_window: ilog2(tcp_rmem[2] 6 MiB) - 15

    private final TcpLayer layer;
    final TcpLayer.Key key;
    final Ipv4Address localAddress;
    final Ipv4Address remoteAddress;
    final int localPort;
    final int remotePort;
    private final TcpOptions opts;
    private final TcpCounters counters;
    private final TcpTrace trace;
    private final TcpTimers timers;
    private final RtoEstimator rto;
    private final DelayedAck delack;
    private final CongestionControl cc;
    private final SackRecovery recovery;                       // RFC 6675 + RACK-TLP + PRR when SACK was agreed
    private boolean recoveryTimerStale;                        // an ACK or new data: reschedule the RACK/TLP timer
    private final TcpListener listener;                        // non-null for a passive open
    final TcpSocket socket;

    private TcpState state = TcpState.CLOSED;
    private long timeWait = TimeWaits.NO_HANDLE;               // once in TIME-WAIT, the handle of the record that holds the 4-tuple
    private boolean traceHandedOut;                            // trace() was called: the trace hears TIME-WAIT's end

    // RFC 9293 §3.3.1, send sequence variables (sndMax: highest sequence number sent + 1)
    private int iss, sndUna, sndNxt, sndMax, sndWnd, sndWl1, sndWl2, maxSndWnd;
    // RFC 9293 §3.3.1, receive sequence variables (rcvAdvRight: right edge of the last advertised window)
    private int irs, rcvNxt, rcvAdvRight;

    private final int ourMss;
    private int peerMss = DEFAULT_MSS;                         // the peer's MSS option (RFC 9293 §3.7.1 SendMSS)
    private final PathMtu pathMtu;                             // RFC 1191
    private IcmpErrorKind softError;                           // RFC 1122 §4.2.3.9: reported if the connection times out
    private int smss;                                          // RFC 5681 SMSS: what we put in one segment
    private int rcvMss;                                        // full-size segment from the peer
    private int sndShift, rcvShift;                            // RFC 7323 §2.3
    private boolean sackOk, tsOk, peerSentWs;
    private final KeepAlive keepAlive;                         // RFC 1122 §4.2.3.6
    private final BufferAutotune autotune;                     // null unless opts.autotune() (Linux tcp_moderate_rcvbuf)
    private long bytesRead;
    private boolean sendBufferFull;                            // a write found the send buffer full (Linux SOCK_NOSPACE)
    private final Paws paws = new Paws();                      // RFC 7323 §4.3 TS.Recent, §5 PAWS
    private final int tsOffset;                                // added to the clock in our TSvals (TcpLayer.tsOffset); 0 = off
    private boolean retransmittedUnsampled;                    // Karn left retransmitted data without an RTT sample

    private SendQueue sendQ;
    private CwndValidation cwndUse;
    private final ByteRing recvBuf;
    private final ReassemblyQueue reasm = new ReassemblyQueue();
    private boolean peerFinReceived;
    private boolean peerFinPending;
    private int peerFinSeq;

    private boolean ackPending;                                // an ACK must go out now
    private boolean dsackPending;                              // RFC 2883: report [dsackLeft, dsackRight) in the next ACK
    private int dsackLeft, dsackRight;
    private int unackedBytes;                                  // data received since our last ACK
    private boolean timing;                                    // RFC 6298 §3: one timed segment at a time
    private int timedSeq;
    private long timedAtNanos;
    private int dupAcks;
    private long lastDataSentAt = -1;                          // Linux lsndtime; -1 before any data
    private long lastChallengeAckAt = -1;
    private long lastSynAckResendAt = -1;
    private boolean partialAckSeen;                            // RFC 6582 §3.2 step 5: only the first partial ACK re-arms
    private int consecutiveTimeouts;
    private int synRetransmits;
    private long persistBackoffNanos;
    private int probeEnd;

    private boolean noDelay;
    private boolean appClosed;                                 // close(): no more reads (orphan)
    private boolean outputShut;
    private boolean closeNotified;
    private int appTurns;                                      // > 0 while the application reacts to an event
    private final List<Held> held = new ArrayList<>(2);        // segments of this turn, sent when it ends
    private static final Runnable NO_CALLBACK = () -> {};
    private static final Consumer<TcpCloseReason> NO_CLOSE_CALLBACK = r -> {};
    private Runnable onReadable = NO_CALLBACK;
    private Runnable onWritable = NO_CALLBACK;
    private Consumer<TcpCloseReason> onClosed = NO_CLOSE_CALLBACK;
    private CompletableFuture<TcpSocket> connectFuture;

    private boolean notifyReadable, notifyWritable, notifyEstablished;
    private TcpCloseReason notifyClosed;

    private long retransmitsTotal, bytesSent, bytesReceived, bytesAcked;

    TcpConnection(TcpLayer layer, TcpLayer.Key key, TcpOptions opts, int ourMss, TcpListener listener) {
        this.layer = layer;
        this.key = key;
        this.localAddress = new Ipv4Address(key.localAddress());
        this.remoteAddress = new Ipv4Address(key.remoteAddress());
        this.localPort = key.localPort();
        this.remotePort = key.remotePort();
        this.opts = opts;
        this.counters = layer.counters();
        this.trace = new TcpTrace(layer.simulator().isRealTime() ? TcpTrace.REAL_TIME_MAX_SAMPLES : TcpTrace.MAX_POINTS);
        this.timers = new TcpTimers(layer.simulator(), this::onTimer);
        this.rto = new RtoEstimator(opts.initialRtoNanos(), opts.minRtoNanos(), opts.maxRtoNanos());
        this.delack = new DelayedAck(opts.delayedAckMode(), opts.delayedAckNanos(), opts.minRtoNanos());
        this.cc = switch (opts.congestion()) {
            case CUBIC -> new Cubic();
            case NEWRENO -> new NewReno();
            case RENO -> new Reno();
        };
        this.tsOffset = opts.timestampOffsets() ? layer.tsOffset(key.localAddress(), key.remoteAddress()) : 0;
        this.recovery = new SackRecovery(cc, counters, tsOffset);
        this.listener = listener;
        this.ourMss = ourMss;
        this.pathMtu = new PathMtu(layer.mtuToward(remoteAddress));
        this.keepAlive = new KeepAlive(opts.keepAlive());
        this.autotune = opts.autotune() ? new BufferAutotune(opts.receiveBufferMax(), opts.sendBufferMax()) : null;
        this.noDelay = opts.noDelay();
        this.recvBuf = new ByteRing(opts.receiveBuffer(), true);
        int shift = 0;                                         // RFC 7323 §2.3: smallest shift that covers the buffer
        int largest = opts.autotune() ? Math.max(opts.receiveBuffer(), opts.receiveBufferMax()) : opts.receiveBuffer();
        while (shift < 14 && (largest >>> shift) > 0xffff) shift++;
        if (opts.linuxWindows()) shift = Math.max(shift, LINUX_WINDOW_SHIFT);
        this.rcvShift = opts.windowScale() ? shift : 0;
        this.socket = new TcpSocket(this);
    }

    // ---------------------------------------------------------------- OPEN (RFC 9293 §3.10.1)

    /** Active OPEN: send SYN, enter SYN-SENT. */
    void onAppConnect(CompletableFuture<TcpSocket> future, long now) {
        connectFuture = future;
        startSend(layer.isn(key, now));                         // RFC 9293 §3.4.1 / RFC 6528
        counters.count(TcpCounters.Event.ACTIVE_OPENS);
        transition(TcpState.SYN_SENT, "connect", now);
        sendSyn(now);
    }

    /** RFC 9293 §3.10.7.2 LISTEN, third: a SYN arrived for our listener. */
    void onPassiveOpen(TcpHeader seg, int iss, long now) {
        startSend(iss);
        irs = seg.seq();
        rcvNxt = seg.seq() + 1;
        rcvAdvRight = rcvNxt;
        negotiate(seg);
        sndWnd = seg.window();                                 // RFC 7323 §2.2: the window in a SYN is never scaled
        sndWl1 = seg.seq();
        sndWl2 = iss;
        maxSndWnd = sndWnd;
        counters.count(TcpCounters.Event.PASSIVE_OPENS);
        listener.synReceived();
        transition(TcpState.SYN_RECEIVED, "SYN received", now);
        sendSyn(now);
    }

    private void startSend(int iss) {
        this.iss = iss;
        sndUna = iss;
        sndNxt = iss;
        sndMax = iss;
        probeEnd = iss;
        sendQ = new SendQueue(opts.sendBuffer(), iss + 1);
        cwndUse = new CwndValidation(iss);
    }

    private void negotiate(TcpHeader syn) {
        peerMss = syn.mss() > 0 ? syn.mss() : DEFAULT_MSS;
        int peerShift = syn.windowScale();
        peerSentWs = peerShift >= 0;
        if (opts.windowScale() && peerShift >= 0) {
            sndShift = Math.min(peerShift, 14);                // RFC 7323 §2.3: values above 14 are treated as 14
        } else {
            sndShift = 0;
            rcvShift = 0;
        }
        sackOk = opts.sack() && syn.sackPermitted();          // RFC 2018 §2
        TcpOption.Timestamps ts = syn.timestamps();
        tsOk = opts.timestamps() && ts != null;                // RFC 7323 §3.2
        if (ts != null) paws.init(ts.value(), layer.simulator().now());
        smss = effectiveSendMss();
        rcvMss = Math.min(peerMss, ourMss) - (tsOk ? 12 : 0);  // RFC 1122 §4.2.3.2 full-sized: the peer's data carries TS too
        delack.start(rcvMss, layer.simulator().now());
        cc.init(smss, opts.initialWindowSegments());
        recovery.init(sackOk, smss);
        traceCc(layer.simulator().now());
    }

    /** RFC 9293 §3.7.1 Eff.snd.MSS = min(SendMSS, MMS_S) less the TCP options; MMS_S follows the path MTU (RFC 1191 §3). */
    private int effectiveSendMss() {
        return Math.min(Math.min(peerMss, ourMss), pathMtu.mtu() - 40) - (tsOk ? 12 : 0);
    }

    // ---------------------------------------------------------------- SEGMENT ARRIVES (RFC 9293 §3.10.7)

    void onSegment(TcpHeader seg, byte[] b, int off, int len, long now) {
        switch (state) {
            case SYN_SENT -> segmentArrivesSynSent(seg, b, off, len, now);      // §3.10.7.3
            case CLOSED, LISTEN -> counters.drop(TcpDrop.NO_SOCKET);
            default -> segmentArrivesOtherState(seg, b, off, len, now);        // §3.10.7.4
        }
        finish(now);
    }

    private void segmentArrivesSynSent(TcpHeader seg, byte[] b, int off, int len, long now) {
        // first, check the ACK bit: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set)"
        if (seg.isAck() && (Seq.le(seg.ack(), iss) || Seq.gt(seg.ack(), sndMax))) {
            if (!seg.rst()) layer.sendReset(localAddress, remoteAddress, localPort, remotePort, seg.ack(), 0, false);
            counters.drop(TcpDrop.UNACCEPTABLE_ACK);
            return;
        }
        // second, check the RST bit: with an acceptable ACK the connection is refused
        if (seg.rst()) {
            if (seg.isAck()) {
                counters.count(TcpCounters.Event.RESETS_RECEIVED);
                closeWith(TcpCloseReason.RESET_BY_PEER, TcpException.Reason.REFUSED, "connection refused", now);
            } else {
                counters.drop(TcpDrop.UNACCEPTABLE_ACK);
            }
            return;
        }
        // fourth, check the SYN bit
        if (!seg.syn()) { counters.drop(TcpDrop.SYN_SENT_NO_SYN); return; }      // fifth
        irs = seg.seq();
        rcvNxt = seg.seq() + 1;
        rcvAdvRight = rcvNxt;
        negotiate(seg);
        if (seg.isAck()) {
            sampleHandshakeRtt(seg, now);
            sndUna = seg.ack();
            sndWnd = seg.window();                             // RFC 7323 §2.2: unscaled in <SYN,ACK>
            maxSndWnd = sndWnd;
            sndWl1 = seg.seq();
            sndWl2 = seg.ack();
            timers.stopRetransmit();
            transition(TcpState.ESTABLISHED, "SYN,ACK received", now);
            notifyEstablished = true;
            ackPending = true;                                 // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
            // RFC 9293 §3.10.7.3: "If there are other controls or text in the segment, continue processing at the sixth step"
            if (len > 0 || seg.fin()) processText(seg, seg.seq() + 1, b, off, len, seg.fin(), now);
        } else {
            // simultaneous open: "enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT>"
            sndWnd = seg.window();
            sndWl1 = seg.seq();
            transition(TcpState.SYN_RECEIVED, "simultaneous open", now);
            sendSegment(TcpFlags.SYN | TcpFlags.ACK, iss, 0, now);
        }
    }

    private void segmentArrivesOtherState(TcpHeader seg, byte[] b, int off, int len, long now) {
        int seq = seg.seq();
        boolean syn = seg.syn();
        boolean fin = seg.fin();
        int rcvWnd = Math.max(0, Seq.diff(rcvNxt, rcvAdvRight));

        // The peer's SYN again while our SYN,ACK is unacknowledged: send the SYN,ACK again (Linux tcp_check_req)
        if (state == TcpState.SYN_RECEIVED && syn && !seg.isAck() && seq == irs) { resendSynAck(now); return; }
        // A SYN before RCV.NXT is a duplicate (e.g. a retransmitted SYN,ACK): drop the SYN bit, as BSD does.
        if (syn && Seq.lt(seq, rcvNxt)) { syn = false; seq++; ackPending = true; }

        // RFC 7323 §5.3 R1 (PAWS) comes before the sequence check; an RST is exempt
        if (tsOk && !seg.rst() && seg.hasTimestamps() && paws.rejects(seg.tsValue(), now)
                && !disorderedAck(seg, len, now)) {
            if (syn) sendChallengeAck(now);                    // Linux tcp_validate_incoming: syn_challenge
            else ackPending = true;                            // "Send an acknowledgment in reply ... and drop the segment"
            counters.drop(TcpDrop.PAWS_REJECTED);
            return;
        }

        // first, check sequence number (RFC 9293 §3.10.7.4, the four acceptability cases)
        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        if (!acceptable(seq, segLen, rcvWnd)) {
            if (!seg.rst()) ackPending = true;                 // "an acknowledgment should be sent in reply"
            counters.drop(TcpDrop.UNACCEPTABLE_SEQ);
            if (len > 0) { counters.count(TcpCounters.Event.RX_DUPLICATE); delack.enterQuickAck(rcvWnd); }
            if (len > 0 && Seq.le(seq + len, rcvNxt)) reportDuplicate(seq, seq + len);
            return;
        }

        // second, check the RST bit (RFC 5961 §3.2: exact match resets, otherwise a challenge ACK)
        if (seg.rst()) {
            if (seq != rcvNxt) { sendChallengeAck(now); return; }
            counters.count(TcpCounters.Event.RESETS_RECEIVED);
            if (state == TcpState.SYN_RECEIVED && listener != null) {
                listener.halfOpenGone();                       // "return this connection to LISTEN"
                closeWith(TcpCloseReason.RESET_BY_PEER, null, "reset in SYN-RECEIVED", now);
            } else {
                closeWith(TcpCloseReason.RESET_BY_PEER, TcpException.Reason.REFUSED, "connection reset by peer", now);
            }
            return;
        }

        // trim to the window: data before RCV.NXT is old, data after the right edge does not fit
        if (Seq.lt(seq, rcvNxt)) {
            int cut = Math.min(Seq.diff(seq, rcvNxt), len);
            reportDuplicate(seq, seq + cut);
            off += cut;
            len -= cut;
            seq += cut;
            if (cut > 0) { counters.count(TcpCounters.Event.RX_DUPLICATE); ackPending = true; delack.enterQuickAck(rcvWnd); }
            if (Seq.lt(seq, rcvNxt)) {                         // only an old FIN is left
                fin = false;
                seq = rcvNxt;
                ackPending = true;
            }
        }
        int right = rcvNxt + Math.max(rcvWnd, recvBuf.free());
        if (Seq.gt(seq + len, right)) {
            len = Math.max(0, Seq.diff(seq, right));
            fin = false;
            counters.drop(TcpDrop.OUT_OF_BUFFER);
            ackPending = true;
        }

        // RFC 7323 §4.3: remember the peer's timestamp to echo it
        if (tsOk && seg.hasTimestamps()) paws.update(seg.seq(), seg.tsValue(), now);

        // fourth, check the SYN bit (RFC 5961 §4: any SYN in a synchronized state gets a challenge ACK)
        if (syn) { sendChallengeAck(now); return; }

        // fifth, check the ACK field
        if (!seg.isAck()) { counters.drop(TcpDrop.NO_ACK_BIT); return; }
        if (state == TcpState.SYN_RECEIVED) {
            if (!(Seq.lt(sndUna, seg.ack()) && Seq.le(seg.ack(), sndMax))) {
                layer.sendReset(localAddress, remoteAddress, localPort, remotePort, seg.ack(), 0, false);
                counters.drop(TcpDrop.UNACCEPTABLE_ACK);
                return;
            }
            sampleHandshakeRtt(seg, now);
            sndUna = seg.ack();
            timers.stopRetransmit();
            sndWnd = seg.window() << sndShift;
            sndWl1 = seq;
            sndWl2 = seg.ack();
            transition(TcpState.ESTABLISHED, "ACK of SYN", now);
            notifyEstablished = true;
        }
        if (!processAck(seg, seq, len, fin, now)) return;

        // sixth (URG) is not supported; seventh, process the segment text; eighth, check the FIN bit
        processText(seg, seq, b, off, len, fin, now);
    }

    /** The ACK of our SYN: timed if it was sent once (Karn), else from TSecr (Linux tcp_ack_update_rtt, tcp_synack_rtt_meas). */
    private void sampleHandshakeRtt(TcpHeader seg, long now) {
        if (timing && Seq.gt(seg.ack(), timedSeq)) sampleRtt(now);
        else if (tsOk && seg.hasTimestamps() && seg.tsEchoReply() != 0) sampleRttFromTimestamp(seg.tsEchoReply(), now);
    }

    /**
     * Linux tcp_disordered_ack: a pure duplicate ACK that changes no window and lags TS.Recent by less
     * than one RTO passes PAWS, since ACKs reordered behind data are harmless.
     */
    private boolean disorderedAck(TcpHeader seg, int len, long now) {
        return seg.isAck() && len == 0 && !seg.syn() && !seg.fin() && seg.seq() == rcvNxt && seg.ack() == sndUna
                && (seg.window() << sndShift) == sndWnd && !Seq.gt(seg.seq(), sndWl1)
                && paws.lag(seg.tsValue()) <= rto.rtoNanos() / SimTime.MS;
    }

    /** RFC 9293 §3.10.7.4 first: the four cases of segment acceptability. */
    private boolean acceptable(int seq, int segLen, int rcvWnd) {
        if (segLen == 0) return rcvWnd == 0 ? seq == rcvNxt : Seq.inRange(seq, rcvNxt, rcvNxt + rcvWnd);
        if (rcvWnd == 0) return false;
        return Seq.inRange(seq, rcvNxt, rcvNxt + rcvWnd) || Seq.inRange(seq + segLen - 1, rcvNxt, rcvNxt + rcvWnd);
    }

    /** RFC 9293 §3.10.7.4 fifth, from ESTABLISHED on. Returns false when the segment is dropped. */
    private boolean processAck(TcpHeader seg, int seq, int len, boolean fin, long now) {
        int ack = seg.ack();
        // RFC 5961 §5.2: acceptable if SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT
        if (Seq.gt(ack, Seq.max(sndMax, probeEnd)) || Seq.lt(ack, sndUna - Math.max(maxSndWnd, 1))) {
            ackPending = true;                                 // "send an ACK, drop the segment"
            counters.drop(TcpDrop.UNACCEPTABLE_ACK);
            return false;
        }
        keepAlive.heard(now);
        int window = seg.window() << sndShift;
        boolean windowUpdate = Seq.lt(sndWl1, seq) || (sndWl1 == seq && Seq.le(sndWl2, ack));
        boolean duplicate = ack == sndUna && len == 0 && !fin && window == sndWnd && sndMax != sndUna;
        int tsEcr = seg.tsEchoReply();
        if (recovery.active()) {
            onAckWithSack(seg, ack, tsEcr, duplicate, now);
        } else if (Seq.gt(ack, sndUna)) {
            onNewAck(ack, tsEcr, now);
        } else if (ack == sndUna && len == 0 && !fin && window == sndWnd && sndMax != sndUna) {
            // RFC 5681 §2 duplicate ACK: no data, no window change, data outstanding
            dupAcks++;
            long flight = Seq.diff(sndUna, sndMax);
            if (cc.onDuplicateAck(dupAcks, sndUna, sndMax, flight) == CongestionControl.Action.RETRANSMIT_FIRST_UNACKED) {
                counters.count(TcpCounters.Event.TX_FAST_RETRANSMIT);
                partialAckSeen = false;
                retransmitFirst(now);
            }
            traceCc(now);
        }
        if (windowUpdate) {                                    // RFC 9293 §3.10.7.4 fifth: update the send window
            sndWnd = window;
            sndWl1 = seq;
            sndWl2 = ack;
            maxSndWnd = Math.max(maxSndWnd, sndWnd);
            if (sndWnd > 0) { timers.stopPersist(); persistBackoffNanos = 0; }
        }
        boolean finAcked = sendQ.finQueued() && Seq.gt(sndUna, sendQ.finSeq());
        switch (state) {
            case FIN_WAIT_1 -> {
                if (finAcked) {
                    transition(TcpState.FIN_WAIT_2, "FIN acked", now);
                    if (appClosed) timers.armClose(now + FIN_WAIT_2_TIMEOUT);
                }
            }
            case CLOSING -> { if (finAcked) enterTimeWait(now); }
            case LAST_ACK -> {
                if (finAcked) { closeWith(TcpCloseReason.NORMAL, null, "FIN acked", now); return false; }
            }
            default -> {}
        }
        return true;
    }

    private void onNewAck(int ack, int tsEcr, long now) {
        long flight = Seq.diff(sndUna, sndMax);
        long acked = Seq.diff(sndUna, ack);
        boolean wasInRecovery = cc.inRecovery();
        boolean cwndLimited = cwndUse.cwndLimited(cc.cwnd(), cc.ssthresh());
        int removed = acknowledge(ack, tsEcr, now);
        recovery.onAck(ack, List.of(), true, flight, cwndLimited, false, 0, sndMax, rto.srttNanos(), now);   // RTT sample only
        if (cc.onNewAck(ack, acked, flight, cwndLimited, now) == CongestionControl.Action.RETRANSMIT_FIRST_UNACKED) retransmitFirst(now);
        traceCc(now);
        boolean partialAck = wasInRecovery && cc.inRecovery();
        // RFC 6298 (5.2) all data acked: stop the timer; (5.3) otherwise restart it,
        // but RFC 6582 §3.2 step 5: in fast recovery only for the first partial ACK
        if (sndUna == sndMax) timers.stopRetransmit();
        else if (!partialAck || !partialAckSeen) timers.armRetransmit(now + rto.rtoNanos());
        if (partialAck) partialAckSeen = true;
        if (removed > 0) notifyWritable = true;
        growSendBufferIfWaiting();
    }

    /** With SACK (RFC 6675, RFC 8985, RFC 6937) SackRecovery finds losses and sets cwnd; the connection sends. */
    private void onAckWithSack(TcpHeader seg, int ack, int tsEcr, boolean duplicate, long now) {
        boolean advanced = Seq.gt(ack, sndUna);
        long flight = Seq.diff(sndUna, sndMax);
        boolean cwndLimited = cwndUse.cwndLimited(cc.cwnd(), cc.ssthresh());
        int removed = advanced ? acknowledge(ack, tsEcr, now) : 0;
        if (recovery.onAck(ack, seg.sackBlocks(), advanced, flight, cwndLimited, duplicate, tsOk ? tsEcr : 0, sndMax, rto.srttNanos(), now)) {
            counters.count(TcpCounters.Event.TX_FAST_RETRANSMIT);
        }
        traceCc(now);
        if (advanced) {                                        // RFC 6298 (5.2) / (5.3)
            if (sndUna == sndMax) timers.stopRetransmit();
            else timers.armRetransmit(now + rto.rtoNanos());
        }
        recoveryTimerStale = true;
        if (removed > 0) notifyWritable = true;
        growSendBufferIfWaiting();
    }

    /** Linux tcp_new_space / tcp_sndbuf_expand: the application waits on a full buffer and cwnd has room. */
    private void growSendBufferIfWaiting() {
        if (autotune != null && sendBufferFull && Seq.diff(sndUna, sndMax) < cc.cwnd()) {
            sendBufferFull = false;
            sendQ.grow(autotune.sendBufferFor(cc.cwnd(), smss));
            notifyWritable = true;
        }
    }

    /** SND.UNA advances to ack: the RTT sample, the send queue, the retry counters. Returns data bytes freed. */
    private int acknowledge(int ack, int tsEcr, long now) {
        if (timing && Seq.gt(ack, timedSeq)) sampleRtt(now);   // RFC 6298 §3 (Karn: timing is off after a retransmit)
        else if (retransmittedUnsampled && tsOk && tsEcr != 0) sampleRttFromTimestamp(tsEcr, now);
        int removed = sendQ.acknowledge(ack);
        bytesAcked += removed;
        sndUna = ack;
        if (Seq.gt(sndUna, sndMax)) { bytesSent += Seq.diff(sndMax, sndUna); sndMax = sndUna; }   // probe byte accepted
        if (Seq.lt(sndNxt, sndUna)) sndNxt = sndUna;
        if (Seq.lt(probeEnd, sndUna)) probeEnd = sndUna;       // never 2^31 behind, where Seq.max(sndMax, probeEnd) flips
        dupAcks = 0;
        consecutiveTimeouts = 0;
        softError = null;                                      // Linux tcp_ack: something worked, forget the soft error
        rto.resetBackoff();                                    // DEVIATION(RFC 6298 §5), see RtoEstimator
        return removed;
    }

    /** Seventh and eighth steps: in-order data to the buffer, out-of-order data held, then the FIN. */
    private void processText(TcpHeader seg, int seq, byte[] b, int off, int len, boolean fin, long now) {
        boolean receiving = state == TcpState.ESTABLISHED || state == TcpState.FIN_WAIT_1 || state == TcpState.FIN_WAIT_2;
        if (len > 0 && receiving) {
            if (appClosed) {
                // Linux: data for a socket the app has closed is answered with RST (RFC 2525 §2.17)
                counters.drop(TcpDrop.DATA_AFTER_CLOSE);
                abortWithReset(TcpCloseReason.ABORTED, now);
                return;
            }
            if (seq == rcvNxt) {
                int n = recvBuf.write(b, off, len);
                rcvNxt += n;
                bytesReceived += n;
                unackedBytes += n;
                delack.onData(len, seg.length(), seg.has(TcpFlags.PSH) || fin, Math.max(0, Seq.diff(rcvNxt - n, rcvAdvRight)),
                        rto.rtoNanos(), now);
                if (!reasm.isEmpty()) {
                    int moved = reasm.drainTo(rcvNxt, recvBuf);
                    rcvNxt += moved;
                    bytesReceived += moved;
                    ackPending = true;                         // RFC 5681 §4.2: ACK at once when a gap fills
                }
                notifyReadable = true;
            } else {
                if (reasm.insert(rcvNxt, seq, b, off, len) == 0) reportDuplicate(seq, seq + len);
                counters.count(TcpCounters.Event.RX_OUT_OF_ORDER);
                ackPending = true;                             // RFC 5681 §4.2: out-of-order data, immediate dup ACK
            }
        }
        if (fin) {
            peerFinPending = true;
            peerFinSeq = seq + len;
            if (rcvNxt != peerFinSeq) ackPending = true;       // a FIN beyond a hole: duplicate ACK at once
        }
        if (peerFinPending && !peerFinReceived && rcvNxt == peerFinSeq) processFin(now);
        // RFC 5681 §4.2 / RFC 9293 §3.8.6.3: ACK at least every second full-sized segment, else delay
        if (unackedBytes > 0 && !ackPending) {
            if (delack.ackNow(unackedBytes)) ackPending = true;
            else scheduleDelayedAck(now);
        }
    }

    /** RFC 2883 §4: the next ACK's first SACK block reports [left, right) as received twice (Linux tcp_dsack_set). */
    private void reportDuplicate(int left, int right) {
        if (!sackOk || !Seq.lt(left, right)) return;
        dsackPending = true;
        dsackLeft = left;
        dsackRight = right;
    }

    /** Arms the delayed-ACK timer; an earlier deadline stays (Linux tcp_send_delayed_ack, RFC 1122 §4.2.3.2). */
    private void scheduleDelayedAck(long now) {
        long delay = delack.delay(rto.srttNanos());
        if (timers.delayedAckArmed()) {
            long at = timers.delayedAckAt();
            if (delack.dueSoon(at, now, delay)) { ackPending = true; return; }
            if (at <= now + delay) return;
        }
        timers.armDelayedAck(now + delay);
    }

    /** RFC 9293 §3.10.7.4 eighth: the FIN bit. */
    private void processFin(long now) {
        peerFinReceived = true;
        rcvNxt += 1;
        notifyReadable = true;
        if (delack.ackFinNow() || !(state == TcpState.SYN_RECEIVED || state == TcpState.ESTABLISHED)) ackPending = true;
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED -> {
                transition(TcpState.CLOSE_WAIT, "FIN received", now);
                delack.enterPingpong();                        // Linux tcp_fin: the FIN's ACK waits for the app's reply
                if (!ackPending) scheduleDelayedAck(now);
            }
            case FIN_WAIT_1 -> {
                if (sendQ.finQueued() && Seq.gt(sndUna, sendQ.finSeq())) enterTimeWait(now);
                else transition(TcpState.CLOSING, "simultaneous close", now);
            }
            case FIN_WAIT_2 -> enterTimeWait(now);
            default -> {}
        }
    }

    private void enterTimeWait(long now) {
        transition(TcpState.TIME_WAIT, "FIN exchange done", now);
        timers.stopRetransmit();
        timers.stopPersist();
        timers.armClose(now + 2 * opts.mslNanos());            // RFC 9293 §3.10.7.4: 2 MSL
        notifyClosed = TcpCloseReason.NORMAL;                  // the application sees the close now
        releaseBuffers();
    }

    // ---------------------------------------------------------------- sending

    private void sendSyn(long now) {
        int flags = state == TcpState.SYN_SENT ? TcpFlags.SYN : TcpFlags.SYN | TcpFlags.ACK;
        sendSegment(flags, iss, 0, now);
        sndNxt = iss + 1;
        sndMax = Seq.max(sndMax, sndNxt);
        if (synRetransmits == 0) { timing = true; timedSeq = iss; timedAtNanos = now; }
        timers.armRetransmit(now + rto.rtoNanos());
    }

    /** Sends what the windows, Nagle and SWS avoidance allow (RFC 9293 §3.8.6.2.1, RFC 1122 §4.2.3.4). */
    private void output(long now) {
        if (!canSend()) return;
        boolean sent = false;
        // RFC 5682 §3.1 step 2b: F-RTO sends new data first, if there is any and the peer's window has room
        if (recovery.newDataFirst() && !(sendQ.availableFrom(sndNxt) > 0 && Seq.diff(sndUna, sndNxt) < sndWnd)) {
            recovery.noNewDataForFrto();
        }
        for (long p = recovery.nextRetransmission(cc.cwnd()); p != SackScoreboard.NONE; p = recovery.nextRetransmission(cc.cwnd())) {
            retransmitSegment(p, now);                         // RFC 6675 §5 (C): NextSeg rule (1) first
            sent = true;
        }
        while (true) {
            int inflight = Seq.diff(sndUna, sndNxt);
            long room = recovery.active() ? Math.min(sndWnd - inflight, recovery.room(cc.cwnd()))   // RFC 6675 §5: cwnd - pipe
                    : Math.min(sndWnd, cc.cwnd()) - inflight;
            int usable = (int) Math.max(0, room);
            int avail = sendQ.availableFrom(sndNxt);
            int len = Math.min(Math.min(avail, smss), usable);
            boolean fin = sendQ.finQueued() && len == avail && sndNxt + len == sendQ.finSeq();
            if (len == 0 && !fin) break;
            if (len < smss && !fin) {
                boolean retransmission = Seq.lt(sndNxt, sndMax);
                boolean nagleAllows = noDelay || inflight == 0;                 // RFC 896
                boolean swsAllows = maxSndWnd > 0 && len >= maxSndWnd / 2;       // RFC 9293 §3.8.6.2.1
                if (!retransmission && !(len == avail && nagleAllows) && !swsAllows) break;
            }
            sendData(sndNxt, len, fin, now);
            sndNxt += len + (fin ? 1 : 0);
            sndMax = Seq.max(sndMax, sndNxt);
            sent = true;
            if (fin) break;
        }
        long flight = recovery.active() ? recovery.pipe() : Seq.diff(sndUna, sndNxt);
        boolean full = cc.cwnd() - flight < smss;              // Linux tcp_write_xmit: in flight >= cwnd
        if (sent || full) cwndUse.onSent(sndUna, sndNxt, flight, full);
        // RFC 9293 §3.8.6.1 zero window, or §3.8.6.2.1 (d) a window too small to use: data waits with
        // nothing in flight, so no ACK will come to restart sending; the persist timer probes or overrides
        if (sendQ.availableFrom(sndNxt) > 0 && sndNxt == sndUna
                && !timers.retransmitArmed() && !timers.persistArmed()) {
            if (persistBackoffNanos == 0) persistBackoffNanos = rto.rtoNanos();
            timers.armPersist(now + persistBackoffNanos);
        }
    }

    private boolean canSend() {
        return switch (state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK -> true;
            default -> false;
        };
    }

    private void sendData(int seq, int len, boolean fin, long now) {
        int flags = TcpFlags.ACK;
        if (len > 0 && seq + len == sendQ.endSeq()) flags |= TcpFlags.PSH;
        if (fin) flags |= TcpFlags.FIN;
        if (Seq.lt(seq, sndMax)) {
            counters.count(TcpCounters.Event.TX_RETRANSMIT);
            retransmitsTotal++;
            timing = false;                                    // RFC 6298 §3 (Karn)
            retransmittedUnsampled = true;
        } else {
            bytesSent += len;
            lastDataSentAt = now;
            if (!timing && len > 0) { timing = true; timedSeq = seq; timedAtNanos = now; }
        }
        if (fin && len == 0 && joinsHeldData(seq)) recovery.onFinJoined(seq, sndMax, now);
        else recovery.onSent(seq, seq + len + (fin ? 1 : 0), sndMax, now);
        if (!Seq.lt(seq, sndMax)) recoveryTimerStale = true;
        sendSegment(flags, seq, len, now);
        if (!timers.retransmitArmed()) timers.armRetransmit(now + rto.rtoNanos());   // RFC 6298 (5.1)
    }

    /** Sends one segment of the scoreboard again, as it was first sent (a FIN included). */
    private void retransmitSegment(long pos, long now) {
        SackScoreboard board = recovery.scoreboard();
        int start = board.startSeq(pos), end = board.endSeq(pos);
        boolean fin = sendQ.finQueued() && end == sendQ.finSeq() + 1;
        sendData(start, Seq.diff(start, end) - (fin ? 1 : 0), fin, now);
    }

    /** Resends the first unacknowledged segment (fast retransmit, partial ACK, RTO). */
    private void retransmitFirst(long now) {
        int len = Math.min(Math.min(smss, sendQ.availableFrom(sndUna)), Math.max(0, Seq.diff(sndUna, sndMax)));
        boolean fin = sendQ.finQueued() && sndUna + len == sendQ.finSeq() && Seq.gt(sndMax, sendQ.finSeq());
        if (len == 0 && !fin) return;
        sendData(sndUna, len, fin, now);
        sndNxt = Seq.max(sndNxt, sndUna + len + (fin ? 1 : 0));
    }

    private void sendChallengeAck(long now) {
        counters.drop(TcpDrop.CHALLENGE_ACK);
        // RFC 5961 §7: rate-limited; Linux tcp_invalid_ratelimit: at most one per 500 ms per socket
        if (lastChallengeAckAt >= 0 && now - lastChallengeAckAt < CHALLENGE_ACK_INTERVAL) return;
        lastChallengeAckAt = now;
        counters.count(TcpCounters.Event.TX_CHALLENGE_ACK);
        sendSegment(TcpFlags.ACK, sndMax, 0, now);
    }

    /** Linux tcp_check_req: a duplicate SYN gets the SYN,ACK at once, at most once per 500 ms (tcp_oow_rate_limited). */
    private void resendSynAck(long now) {
        counters.count(TcpCounters.Event.RX_DUPLICATE);
        if (lastSynAckResendAt >= 0 && now - lastSynAckResendAt < CHALLENGE_ACK_INTERVAL) return;
        lastSynAckResendAt = now;
        sendSegment(TcpFlags.SYN | TcpFlags.ACK, iss, 0, now);
    }

    /** Builds and sends one segment; every segment but the first SYN carries ACK = RCV.NXT. */
    private void sendSegment(int flags, int seq, int len, long now) {
        if (appTurns > 0 && (flags & TcpFlags.SYN) == 0) hold(flags, seq, len);
        else transmit(flags, seq, len, now);
        if ((flags & TcpFlags.ACK) != 0) {
            paws.ackSent(rcvNxt);
            ackPending = false;
            dsackPending = false;                              // reported once (Linux tcp_options_write)
            unackedBytes = 0;
            timers.stopDelayedAck();
            delack.onAckSent();
        }
        if (len > 0) delack.onDataSent(now);
    }

    private void transmit(int flags, int seq, int len, long now) {
        boolean syn = (flags & TcpFlags.SYN) != 0;
        int window = advertiseWindow(syn);
        int ack = (flags & TcpFlags.ACK) != 0 ? rcvNxt : 0;
        TcpHeader h = !syn && tsOk && !sackOption(len)
                ? TcpHeader.timestamped(localPort, remotePort, seq, ack, flags, window, tsValue(now), paws.tsRecent())
                : new TcpHeader(localPort, remotePort, seq, ack, flags, window, 0, syn ? synOptions() : segmentOptions(len, now));
        layer.transmit(localAddress, remoteAddress, h, len > 0 ? sendQ : null, seq, len);
    }

    /** The window to advertise; RFC 9293 §3.8.6.2.2 receiver SWS avoidance, never shrinking the right edge. */
    private int advertiseWindow(boolean syn) {
        int free = recvBuf.free();
        if (syn) {
            int w = Math.min(free, 0xffff);                    // RFC 7323 §2.2: a SYN's window is unscaled
            if (opts.linuxWindows()) {
                // Linux tcp_select_initial_window: whole segments (64240 = 44 x 1460; SYN-ACK with TS 65160 = 45 x 1448)
                int segment = ourMss - (state != TcpState.SYN_SENT && tsOk ? 12 : 0);
                if (w > segment) w -= w % segment;
            }
            rcvAdvRight = rcvNxt + w;
            return w;
        }
        int right = rcvNxt + free;
        int grow = Seq.diff(rcvAdvRight, right);
        if (grow < Math.min(recvBuf.capacity() / 2, rcvMss) && Seq.ge(rcvAdvRight, rcvNxt)) right = rcvAdvRight;
        // RFC 7323 §2.4: rounded up to the scale's granularity, so the right edge never moves left (Linux ALIGN)
        long unit = 1L << rcvShift;
        int w = (int) Math.min((Math.max(0, Seq.diff(rcvNxt, right)) + unit - 1) >>> rcvShift, 0xffff);
        rcvAdvRight = rcvNxt + (w << rcvShift);
        return w;
    }

    private List<TcpOption> synOptions() {
        boolean synAck = state != TcpState.SYN_SENT;
        List<TcpOption> o = new ArrayList<>(8);
        o.add(new TcpOption.Mss(ourMss));
        boolean ws = opts.windowScale() && (!synAck || peerSentWs);   // RFC 7323 §2.2
        boolean sack = opts.sack() && (!synAck || sackOk);
        boolean ts = opts.timestamps() && (!synAck || tsOk);
        if (ts) {                                              // Linux order: mss, sackOK, TS, nop, wscale
            if (sack) o.add(new TcpOption.SackPermitted());
            else { o.add(TcpOption.NOP); o.add(TcpOption.NOP); }
            o.add(new TcpOption.Timestamps(tsValue(layer.simulator().now()), synAck ? paws.tsRecent() : 0));
        } else if (sack) {                                     // Linux order: mss, nop, nop, sackOK
            o.add(TcpOption.NOP); o.add(TcpOption.NOP); o.add(new TcpOption.SackPermitted());
        }
        if (ws) { o.add(TcpOption.NOP); o.add(new TcpOption.WindowScale(rcvShift)); }
        return o;
    }

    /** RFC 2018 §4: SACK only on pure ACKs here. */
    private boolean sackOption(int len) { return sackOk && len == 0 && (dsackPending || !reasm.isEmpty()); }

    private List<TcpOption> segmentOptions(int len, long now) {
        boolean sack = sackOption(len);
        if (!tsOk && !sack) return List.of();
        if (!sack) return List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(tsValue(now), paws.tsRecent()));
        List<TcpOption> o = new ArrayList<>(6);
        if (tsOk) {
            o.add(TcpOption.NOP); o.add(TcpOption.NOP);
            o.add(new TcpOption.Timestamps(tsValue(now), paws.tsRecent()));
        }
        if (sack) {
            int max = tsOk ? 3 : 4;
            List<TcpOption.SackBlock> blocks = new ArrayList<>(max);
            if (dsackPending) {                                // RFC 2883 §4: the D-SACK block first
                blocks.add(new TcpOption.SackBlock(dsackLeft, dsackRight));
                counters.count(TcpCounters.Event.TX_DSACK);
            }
            blocks.addAll(reasm.sackBlocks(max - blocks.size()));
            o.add(TcpOption.NOP); o.add(TcpOption.NOP);
            o.add(new TcpOption.Sack(blocks));
        }
        return o;
    }

    private int tsValue(long now) { return tsValue(now, tsOffset); }

    /** Our TSval at now: RFC 7323 §5.4 a 1 ms clock, plus the connection's offset (Linux tcp_time_stamp_ts + tsoffset). */
    static int tsValue(long now, int tsOffset) { return (int) (now / SimTime.MS) + tsOffset; }

    // ---------------------------------------------------------------- timeouts (RFC 9293 §3.10.8)

    private void onTimer(long now) {
        if (timers.closeDue(now)) {
            timers.armClose(TcpTimers.NEVER);
            closeWith(TcpCloseReason.TIMED_OUT, null, "FIN-WAIT-2 timeout", now);   // TIME-WAIT's end is TimeWaits'
            finish(now);
            return;
        }
        // a loss probe due with the RTO goes first, as Linux arms one timer for both (tcp_schedule_loss_probe)
        if (timers.recoveryDue(now) && timers.recoveryAt() <= timers.retransmitAt()) onRecoveryTimer(now);
        if (timers.retransmitDue(now)) onRetransmitTimeout(now);
        if (timers.persistDue(now)) onPersistTimeout(now);
        if (timers.keepAliveDue(now)) onKeepAliveTimeout(now);
        if (timers.delayedAckDue(now) && state != TcpState.CLOSED) {
            timers.stopDelayedAck();
            delack.onTimerExpired(rto.rtoNanos());
            ackPending = true;
        }
        finish(now);
    }

    /** RFC 1122 §4.2.3.6, Linux tcp_keepalive_timer: a probe is an ACK with SEG.SEQ = SND.UNA - 1 and no data. */
    private void onKeepAliveTimeout(long now) {
        timers.stopKeepAlive();
        if (!keepAlive.settings().enabled() || !state.isSynchronized() || state == TcpState.TIME_WAIT) return;
        boolean busy = sndMax != sndUna || sendQ.size() > 0;
        switch (keepAlive.onTimer(now, busy)) {
            case PROBE -> {
                counters.count(TcpCounters.Event.TX_KEEPALIVE_PROBE);
                sendSegment(TcpFlags.ACK, sndUna - 1, 0, now);
            }
            case GIVE_UP -> {
                // Linux tcp_send_active_reset, then tcp_write_err: the application sees a timeout
                layer.sendReset(localAddress, remoteAddress, localPort, remotePort, sndMax, rcvNxt, true);
                closeWith(TcpCloseReason.TIMED_OUT, TcpException.Reason.TIMED_OUT,
                        "keep-alive: " + keepAlive.probesOut() + " probes unanswered" + softErrorNote(), now);
                return;
            }
            case WAIT -> {}
        }
        timers.armKeepAlive(keepAlive.nextAtNanos());
    }

    /** SO_KEEPALIVE and its times; turning it on starts the idle clock now (Linux tcp_set_keepalive). */
    void setKeepAlive(TcpKeepAlive settings, long now) {
        keepAlive.settings(settings);
        if (settings.enabled() && state.isSynchronized() && state != TcpState.TIME_WAIT) {
            keepAlive.start(now);
            timers.armKeepAlive(keepAlive.nextAtNanos());
        } else {
            timers.stopKeepAlive();
        }
    }

    TcpKeepAlive keepAlive() { return keepAlive.settings(); }

    /** RFC 6298 (5.4)-(5.6) and RFC 9293 §3.8.3 (R2 / SYN retries). */
    private void onRetransmitTimeout(long now) {
        timers.stopRetransmit();
        counters.count(TcpCounters.Event.TIMEOUTS);
        timing = false;
        if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            int limit = state == TcpState.SYN_SENT ? opts.synRetries() : SYN_ACK_RETRIES;
            if (synRetransmits >= limit) {
                if (listener != null && state == TcpState.SYN_RECEIVED) listener.halfOpenGone();
                closeWith(TcpCloseReason.TIMED_OUT, TcpException.Reason.TIMED_OUT,
                        "no answer to SYN after " + synRetransmits + " retransmissions" + softErrorNote(), now);
                return;
            }
            synRetransmits++;
            retransmitsTotal++;
            counters.count(TcpCounters.Event.TX_RETRANSMIT);
            rto.backoff();                                     // RFC 6298 (5.5)
            traceCc(now);
            sendSyn(now);
            return;
        }
        if (sndUna == sndMax) return;
        if (++consecutiveTimeouts > opts.maxRetries()) {
            closeWith(TcpCloseReason.TIMED_OUT, TcpException.Reason.TIMED_OUT, "retransmission limit" + softErrorNote(), now);
            return;
        }
        long priorCwnd = cc.cwnd(), priorSsthresh = cc.ssthresh();
        cc.onRetransmitTimeout(Seq.diff(sndUna, sndMax), sndMax);
        rto.backoff();                                         // RFC 6298 (5.5)
        dupAcks = 0;
        traceCc(now);
        if (recovery.active()) {                               // RFC 6675 §5.1: unsacked data is lost, SACKed data stays
            recovery.onRetransmitTimeout(sndMax, priorCwnd, priorSsthresh);
            recoveryTimerStale = true;
            long first = recovery.nextRetransmission(cc.cwnd());
            if (first != SackScoreboard.NONE) retransmitSegment(first, now);   // RFC 6298 (5.4)
        } else {
            sndNxt = sndUna;                                   // go back: resend from the first unacked byte
            retransmitFirst(now);                              // RFC 6298 (5.4)
        }
        timers.armRetransmit(now + rto.rtoNanos());            // RFC 6298 (5.6)
    }

    /** RFC 8985 §6.3 reordering timer: RACK runs again; §7.3 probe timer: a loss probe leaves. */
    private void onRecoveryTimer(long now) {
        timers.armRecovery(TcpTimers.NEVER);
        recoveryTimerStale = true;
        if (!canSend() || sndUna == sndMax) return;
        if (recovery.onTimer(Seq.diff(sndUna, sndMax), sndMax, rto.srttNanos(), now) == SackRecovery.TimerAction.PROBE) {
            sendLossProbe(now);
        }
        traceCc(now);
    }

    /** RFC 8985 §7.3: one new segment if the peer's window allows, else the last segment sent again. */
    private void sendLossProbe(long now) {
        int avail = sendQ.availableFrom(sndNxt);
        int len = Math.min(avail, smss);
        boolean newData = len > 0 && Seq.diff(sndUna, sndNxt) + len <= sndWnd;
        if (newData) {
            boolean fin = sendQ.finQueued() && len == avail && sndNxt + len == sendQ.finSeq();
            sendData(sndNxt, len, fin, now);
            sndNxt += len + (fin ? 1 : 0);
            sndMax = Seq.max(sndMax, sndNxt);
        } else {
            long last = recovery.scoreboard().last();
            if (last == SackScoreboard.NONE) return;
            retransmitSegment(last, now);
        }
        counters.count(TcpCounters.Event.TX_LOSS_PROBE);
        recovery.onProbeSent(sndMax, !newData);
        timers.armRetransmit(now + rto.rtoNanos());            // Linux tcp_send_loss_probe: the RTO restarts from the probe
    }

    /** RFC 9293 §3.8.6.1: send a one-byte probe past the zero window, then back off. */
    private void onPersistTimeout(long now) {
        timers.stopPersist();
        int avail = sendQ.availableFrom(sndUna);
        if (avail == 0 || !canSend() || sndNxt != sndUna) return;
        if (sndWnd > 0) {                                      // RFC 9293 §3.8.6.2.1 (d): SWS override timeout
            int len = (int) Math.min(Math.min(avail, smss), Math.min(sndWnd, cc.cwnd()));
            boolean fin = sendQ.finQueued() && len == avail;
            sendData(sndNxt, len, fin, now);
            sndNxt += len + (fin ? 1 : 0);
            sndMax = Seq.max(sndMax, sndNxt);
            persistBackoffNanos = 0;
            return;
        }
        counters.count(TcpCounters.Event.TX_ZERO_WINDOW_PROBE);
        sendSegment(TcpFlags.ACK, sndUna, 1, now);
        probeEnd = sndUna + 1;                                 // an ACK up to here is acceptable
        persistBackoffNanos = Math.min(opts.maxRtoNanos(), persistBackoffNanos * 2);
        timers.armPersist(now + persistBackoffNanos);
    }

    // ---------------------------------------------------------------- ICMP errors (RFC 1122 §4.2.3.9, RFC 5927, RFC 1191)

    /** An ICMP error quoting our segment with sequence number quotedSeq (Linux tcp_v4_err). */
    void onIcmpError(IcmpErrorKind kind, int quotedSeq, int nextHopMtu, Ipv4Address reporter, long now) {
        // RFC 5927 §4.1: act only on an error about data in flight, SND.UNA =< SEG.SEQ =< SND.NXT (Linux between())
        if (Seq.lt(quotedSeq, sndUna) || Seq.gt(quotedSeq, sndMax)) {
            counters.drop(TcpDrop.ICMP_OUT_OF_WINDOW);
            return;
        }
        counters.count(TcpCounters.Event.RX_ICMP_ERROR);
        if (kind == IcmpErrorKind.FRAGMENTATION_NEEDED) {
            onFragmentationNeeded(nextHopMtu, now);
        } else if (state == TcpState.SYN_RECEIVED && listener != null) {
            // Linux tcp_req_err: a half-open request dies on net/host unreachable or time exceeded about its SYN-ACK
            if (!kind.abortsRequest() || quotedSeq != iss) { counters.drop(TcpDrop.ICMP_IGNORED); return; }
            listener.halfOpenGone();
            closeWith(TcpCloseReason.ABORTED, null, kind.message() + " (ICMP from " + reporter + ")", now);
        } else if (state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED) {
            // RFC 5461 §4.1, Linux: during the handshake every error, soft or hard, aborts the attempt
            closeWith(TcpCloseReason.ABORTED, kind.failure(), kind.message() + " (ICMP from " + reporter + ")", now);
        } else {
            // RFC 1122 §4.2.3.9 soft error, RFC 5461 §3; Linux aborts no synchronized connection on any ICMP error
            softError = kind;
        }
        finish(now);
    }

    /** RFC 1191 §6.2: a smaller path MTU lowers the MSS and resends what was dropped (Linux tcp_v4_mtu_reduced). */
    private void onFragmentationNeeded(int nextHopMtu, long now) {
        if (!pathMtu.lower(nextHopMtu)) { counters.drop(TcpDrop.ICMP_IGNORED); return; }
        counters.count(TcpCounters.Event.PATH_MTU_REDUCED);
        softError = IcmpErrorKind.FRAGMENTATION_NEEDED;
        if (state == TcpState.SYN_SENT) return;                // negotiate() takes the path MTU into account
        smss = effectiveSendMss();
        // Linux tcp_simple_retransmit: the segments in flight were too big and are gone; cwnd stays
        if (recovery.active()) recovery.onMssReduced(sndUna, sndMax, smss, now);   // lost, in new-size pieces
        else sndNxt = sndUna;
        timing = false;
    }

    private String softErrorNote() { return softError == null ? "" : " (last ICMP: " + softError.message() + ")"; }

    // ---------------------------------------------------------------- app calls (RFC 9293 §3.10.2-6)

    int write(byte[] b, int off, int len, long now) {
        switch (state) {
            case SYN_SENT, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT -> {}
            default -> throw new IllegalStateException("cannot write in state " + state());
        }
        if (outputShut) throw new IllegalStateException("output is shut down");
        if (len > 0) restartAfterIdle(now);
        int n = sendQ.write(b, off, len);
        if (n < len) sendBufferFull = true;
        output(now);
        finish(now);
        return n;
    }

    /**
     * RFC 5681 §4.1 restart window after an idle period longer than the RTO, as Linux tcp_cwnd_restart
     * (tcp_slow_start_after_idle 1): ssthresh keeps 3/4 of cwnd, cwnd halves per idle RTO, not below min(IW, cwnd).
     */
    private void restartAfterIdle(long now) {
        if (!state.isSynchronized() || sndUna != sndMax || lastDataSentAt < 0) return;
        long idle = now - lastDataSentAt;
        long rtoNanos = rto.rtoNanos();
        if (idle <= rtoNanos) return;
        long cwnd = cc.cwnd();
        long restart = Math.min((long) opts.initialWindowSegments() * smss, cwnd);
        long ssthresh = Math.max(cc.ssthresh(), cwnd - (cwnd >> 2));
        while ((idle -= rtoNanos) > 0 && cwnd > restart) cwnd >>= 1;
        cc.restart(Math.max(cwnd, restart), ssthresh);
        lastDataSentAt = now;
        traceCc(now);
    }

    int writableBytes() { return (outputShut || sendQ == null || !(state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT
            || state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED)) ? 0 : sendQ.free(); }

    int read(byte[] b, int off, int len, long now) {
        int n = recvBuf.read(b, off, len);
        if (peerFinReceived || state == TcpState.CLOSED) recvBuf.release();   // no byte can follow the FIN
        if (n == 0) return peerFinReceived || state == TcpState.CLOSED ? -1 : 0;
        bytesRead += n;
        if (autotune != null && state.isSynchronized()) {
            int grown = autotune.onRead(bytesRead, rto.srttNanos(), ourMss, recvBuf.capacity(), now);
            if (grown > 0) recvBuf.grow(grown);
        }
        // window update when the window had shrunk to half or less and reading at least doubles it
        // (Linux __tcp_cleanup_rbuf), measured against the largest window the header can carry
        int cur = Math.max(0, Seq.diff(rcvNxt, rcvAdvRight));
        long clamp = Math.min(recvBuf.capacity(), 0xffffL << rcvShift);
        long next = Math.min(recvBuf.free(), clamp);
        if (state.isSynchronized() && !peerFinReceived && 2L * cur <= clamp
                && next >= 2L * cur && next - cur >= rcvMss) {
            ackPending = true;
        }
        if (delack.ackAfterRead(unackedBytes, recvBuf.size() == 0)) ackPending = true;
        finish(now);
        return n;
    }

    int readableBytes() { return recvBuf.size(); }

    /** Bytes of buffer storage held now (send and receive), for memory accounting. */
    int bufferStorage() { return recvBuf.arrayLength() + (sendQ == null ? 0 : sendQ.storage()); }

    /** CLOSE for the sending direction: queue a FIN after the data (RFC 9293 §3.10.4). */
    void shutdownOutput(long now) {
        if (outputShut) return;
        outputShut = true;
        switch (state) {
            case SYN_SENT -> closeWith(TcpCloseReason.ABORTED, TcpException.Reason.RESET, "closed while connecting", now);
            case SYN_RECEIVED, ESTABLISHED -> {
                sendQ.queueFin();
                if (state == TcpState.ESTABLISHED) transition(TcpState.FIN_WAIT_1, "close", now);
                else transition(TcpState.FIN_WAIT_1, "close in SYN-RECEIVED", now);
                output(now);
            }
            case CLOSE_WAIT -> {
                sendQ.queueFin();
                transition(TcpState.LAST_ACK, "close", now);
                output(now);
            }
            default -> {}
        }
        finish(now);
    }

    /** close(): linger 0 or unread data -> RST (RFC 2525 §2.17, Linux); otherwise FIN and orphan. */
    void close(long now) {
        if (appClosed) return;
        if (state == TcpState.CLOSED || state == TcpState.TIME_WAIT) { appClosed = true; return; }
        if (opts.lingerNanos() == 0 || recvBuf.size() > 0) {
            appClosed = true;
            abortWithReset(TcpCloseReason.ABORTED, now);
            finish(now);
            return;
        }
        appClosed = true;
        if (state == TcpState.FIN_WAIT_2) timers.armClose(now + FIN_WAIT_2_TIMEOUT);
        shutdownOutput(now);
    }

    /** ABORT (RFC 9293 §3.10.5): RST if synchronized, then CLOSED. */
    void abort(long now) {
        appClosed = true;
        if (timeWait != TimeWaits.NO_HANDLE) { layer.timeWaits().abort(timeWait, now); return; }
        abortWithReset(TcpCloseReason.ABORTED, now);
        finish(now);
    }

    private void abortWithReset(TcpCloseReason reason, long now) {
        if (state == TcpState.CLOSED) return;
        if (state != TcpState.SYN_SENT && state != TcpState.TIME_WAIT) {
            releaseHeld(now);                                  // what this turn sent goes first
            // <SEQ=SND.NXT><CTL=RST>; Linux adds ACK=RCV.NXT, which tcpdump shows as "R."
            layer.sendReset(localAddress, remoteAddress, localPort, remotePort, sndMax, rcvNxt, true);
        }
        if (listener != null && state == TcpState.SYN_RECEIVED) listener.halfOpenGone();
        closeWith(reason, TcpException.Reason.RESET, "aborted", now);
    }

    // ---------------------------------------------------------------- transitions and notifications

    /** The only place state changes (STYLE §2.6). */
    private void transition(TcpState next, String cause, long now) {
        if (next == state) return;
        trace.stateChanged(now, state, next, cause);
        state = next;
        if (next == TcpState.ESTABLISHED) initTransfer();
        if (next == TcpState.ESTABLISHED && keepAlive.settings().enabled()) setKeepAlive(keepAlive.settings(), now);
        if (next == TcpState.ESTABLISHED && autotune != null) {      // Linux tcp_init_buffer_space
            autotune.start(recvBuf.capacity(), ourMss, bytesRead, now);
            sendQ.grow(autotune.sendBufferFor(cc.cwnd(), smss));
        }
        if (next == TcpState.TIME_WAIT) timers.stopKeepAlive();
    }

    /**
     * After a retransmitted SYN or SYN,ACK: RTO 3 s until the first RTT sample (RFC 6298 (5.7), Linux
     * tcp_init_metrics) and an initial window of one segment (RFC 5681 §3.1); Linux (tcp_init_transfer) cuts
     * the window only after more than one retransmission, since its first RTO is the RFC's 1 s.
     */
    private void initTransfer() {
        rto.fallbackWithoutSample(SYN_FALLBACK_RTO);
        if (synRetransmits > (opts.linuxWindows() ? 1 : 0)) cc.restart(smss, cc.ssthresh());
    }

    private void closeWith(TcpCloseReason reason, TcpException.Reason connectFailure, String why, long now) {
        transition(TcpState.CLOSED, why, now);
        timers.stopAll();
        layer.remove(this);
        reasm.clear();
        if (reason != TcpCloseReason.NORMAL) { recvBuf.clear(); if (sendQ != null) sendQ.clear(); }
        releaseBuffers();
        if (connectFuture != null && !connectFuture.isDone()) {
            counters.count(TcpCounters.Event.CONNECT_FAILED);
            TcpException.Reason r = connectFailure != null ? connectFailure : TcpException.Reason.RESET;
            connectFuture.completeExceptionally(new TcpException(r, remoteAddress + ":" + remotePort + ": " + why));
            closeNotified = true;
            return;
        }
        if (!closeNotified) notifyClosed = reason;
        if (reason != TcpCloseReason.NORMAL) notifyReadable = true;
    }

    /** TIME-WAIT or closed: no storage is kept for acknowledged data or for received data already read. */
    private void releaseBuffers() {
        if (sendQ != null) sendQ.release();
        recvBuf.release();
    }

    /** Sends a pending ACK, then runs app callbacks; the last step of every entry point. */
    private void finish(long now) {
        if (state != TcpState.CLOSED && timeWait == TimeWaits.NO_HANDLE) {
            output(now);
            // a pure ACK carries the highest sequence number sent (sndNxt may have been pulled back by an RTO)
            if (ackPending && state != TcpState.SYN_SENT && state != TcpState.LISTEN) sendSegment(TcpFlags.ACK, sndMax, 0, now);
            if (recoveryTimerStale) {                          // RFC 8985 §7.2: after an ACK or new data
                recoveryTimerStale = false;
                recovery.scheduleProbe(rto.srttNanos(), timers.retransmitAt(), now);
                timers.armRecovery(recovery.timerAt());
            }
        }
        inAppTurn(notifyApplication);
        if (state == TcpState.TIME_WAIT && timeWait == TimeWaits.NO_HANDLE && appTurns == 0 && held.isEmpty()) handOffTimeWait(now);
    }

    /**
     * Linux tcp_time_wait: with the FIN exchange done, its ACK sent and the application told, a TimeWaits
     * record takes the 4-tuple for the rest of 2 MSL and the layer forgets this connection and its buffers.
     * With the layer's records at maxTimeWait (tcp_max_tw_buckets) there is no record: CLOSED at once, the
     * 4-tuple free, as Linux's tcp_done after inet_twsk_alloc fails (counted as TCPTimeWaitOverflow).
     */
    private void handOffTimeWait(long now) {
        if (layer.timeWaits().live() >= opts.maxTimeWait()) {
            counters.count(TcpCounters.Event.TIME_WAIT_OVERFLOW);
            closeWith(TcpCloseReason.NORMAL, null, "TIME-WAIT table full (tcp_max_tw_buckets)", now);
            return;
        }
        long expiresAt = timers.closeAt();
        timers.stopAll();
        reasm.clear();
        timeWait = layer.timeWaits().add(key,
                new TimeWaits.Receive(rcvNxt, rcvAdvRight, recvBuf.free(), rcvShift, Math.min(recvBuf.capacity() / 2, rcvMss)),
                new TimeWaits.Send(sndMax, Seq.max(sndMax, probeEnd), sndShift, sndWnd, sndWl1, sndWl2, maxSndWnd),
                paws, tsOk, tsOffset, sackOk, expiresAt, 2 * opts.mslNanos(), rto.rtoNanos(), lastChallengeAckAt);
        layer.enterTimeWait(this);
        if (traceHandedOut) layer.timeWaits().watch(timeWait, trace);
    }

    private final Runnable notifyApplication = this::notifyApplication;

    private void notifyApplication() {
        if (notifyEstablished) {
            notifyEstablished = false;
            if (connectFuture != null) connectFuture.complete(socket);
            else if (listener != null) listener.established(socket);
        }
        if (notifyReadable) { notifyReadable = false; if (!appClosed) onReadable.run(); }
        if (notifyWritable) { notifyWritable = false; if (!outputShut && sendQ.free() > 0) onWritable.run(); }
        if (notifyClosed != null && !closeNotified) {
            closeNotified = true;
            TcpCloseReason r = notifyClosed;
            notifyClosed = null;
            onClosed.accept(r);
        }
        if (closeNotified && (state == TcpState.TIME_WAIT || state == TcpState.CLOSED)) releaseApplication();
    }

    /**
     * The application has been told of the close and no byte can arrive: like Linux's inet_timewait_sock,
     * which keeps no socket, TIME-WAIT and CLOSED keep no reference to the application (its TLS and HTTP state).
     */
    private void releaseApplication() {
        onReadable = NO_CALLBACK;
        onWritable = NO_CALLBACK;
        onClosed = NO_CLOSE_CALLBACK;
    }

    /**
     * Runs the application's reaction to one event; every callback runs this way. Segments are chosen as
     * each call asks (Nagle and the windows as usual) but leave when the turn ends, at the same instant:
     * a close() right after a write finds that data still unsent, so the FIN rides on its last segment
     * (Linux tcp_send_fin), and a pure ACK is dropped when a later segment of the turn carries it.
     */
    void inAppTurn(Runnable reaction) {
        appTurns++;
        try {
            reaction.run();
        } finally {
            appTurns--;
        }
        if (appTurns == 0) releaseHeld(layerNow());
    }

    private record Held(int flags, int seq, int len) {}

    private void hold(int flags, int seq, int len) {
        boolean bareFin = len == 0 && (flags & TcpFlags.FIN) != 0;
        if (!held.isEmpty()) {
            Held last = held.getLast();
            boolean lastPureAck = last.len() == 0 && (last.flags() & TcpFlags.FIN) == 0;
            if (len == 0 && !bareFin) return;                  // a pure ACK: an earlier segment of the turn carries it
            if (lastPureAck) held.removeLast();
            else if (bareFin && joinsHeldData(seq)) {
                held.set(held.size() - 1, new Held(last.flags() | TcpFlags.FIN, last.seq(), last.len()));
                return;
            }
        }
        held.add(new Held(flags, seq, len));
    }

    /** This turn holds a data segment without FIN that ends at seq: a FIN at seq leaves on it. */
    private boolean joinsHeldData(int seq) {
        if (appTurns == 0 || held.isEmpty()) return false;
        Held last = held.getLast();
        return last.len() > 0 && (last.flags() & TcpFlags.FIN) == 0 && last.seq() + last.len() == seq;
    }

    private void releaseHeld(long now) {
        if (held.isEmpty()) return;
        List<Held> out = List.copyOf(held);
        held.clear();
        for (Held h : out) transmit(h.flags(), h.seq(), h.len(), now);
    }

    private void sampleRtt(long now) {
        rto.sample(now - timedAtNanos);
        timing = false;
        retransmittedUnsampled = false;
        traceCc(now);
    }

    /**
     * RFC 7323 §4.1: RTT = now - TSecr, unambiguous even for retransmitted data; used, as Linux's
     * tcp_ack_update_rtt does, only when ACK timing gives no sample. A 0 ms difference counts as 1 ms (Linux).
     */
    private void sampleRttFromTimestamp(int tsEcr, long now) {
        int ticks = tsValue(now) - tsEcr;
        if (ticks < 0) return;
        rto.sample(Math.max(1, ticks) * SimTime.MS);
        retransmittedUnsampled = false;
        traceCc(now);
    }

    private void traceCc(long now) {
        trace.sample(now, TcpTrace.Metric.CWND, cc.cwnd());
        trace.sample(now, TcpTrace.Metric.SSTHRESH, cc.ssthresh());
        trace.sample(now, TcpTrace.Metric.RTO, rto.rtoNanos());
        if (rto.srttNanos() > 0) trace.sample(now, TcpTrace.Metric.SRTT, rto.srttNanos());
    }

    // ---------------------------------------------------------------- accessors for TcpSocket / TcpLayer

    TcpState state() {
        if (timeWait == TimeWaits.NO_HANDLE) return state;
        return layer.timeWaits().inTimeWait(timeWait) ? TcpState.TIME_WAIT : TcpState.CLOSED;
    }
    long layerNow() { return layer.simulator().now(); }
    /** The trace, which from now on also hears the end of TIME-WAIT (TimeWaits keeps it until then, and no other). */
    TcpTrace trace() {
        if (!traceHandedOut) {
            traceHandedOut = true;
            if (timeWait != TimeWaits.NO_HANDLE) layer.timeWaits().watch(timeWait, trace);
        }
        return trace;
    }
    void setNoDelay(boolean v, long now) { noDelay = v; if (v) { output(now); finish(now); } }
    void onReadable(Runnable r) { onReadable = r; }
    void onWritable(Runnable r) { onWritable = r; }
    void onClosed(Consumer<TcpCloseReason> r) { onClosed = r; }
    int sendQueued() { return sendQ == null ? 0 : sendQ.size(); }

    TcpInfo info() {
        return new TcpInfo(state(), Seq.unsigned(sndUna), Seq.unsigned(sndNxt), Seq.unsigned(rcvNxt), cc.cwnd(), cc.ssthresh(),
                rto.srttNanos(), rto.rtoNanos(), retransmitsTotal, bytesSent, bytesReceived, bytesAcked, smss, sndWnd,
                Math.max(0, Seq.diff(rcvNxt, rcvAdvRight)));
    }
}
