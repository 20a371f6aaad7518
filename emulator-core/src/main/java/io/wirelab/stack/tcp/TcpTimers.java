package io.wirelab.stack.tcp;

import io.wirelab.sim.Simulator;
import io.wirelab.sim.Timer;

import java.util.function.LongConsumer;

/**
 * Deadlines of one connection's timers in virtual nanoseconds, kept as data; one re-armable
 * simulator timer points at the earliest. NEVER disarms.
 */
final class TcpTimers {
    static final long NEVER = Timer.NEVER;

    private long retransmitAt = NEVER;   // RFC 6298 §5 (also SYN and FIN retransmission)
    private long persistAt = NEVER;      // RFC 9293 §3.8.6.1 zero-window probing
    private long delayedAckAt = NEVER;   // RFC 9293 §3.8.6.3
    private long closeAt = NEVER;        // orphaned FIN-WAIT-2, or TIME-WAIT's 2*MSL (RFC 9293 §3.10.7.4) until TimeWait takes it
    private long keepAliveAt = NEVER;    // RFC 1122 §4.2.3.6
    private long recoveryAt = NEVER;     // RFC 8985 §6.3 reordering timer or §7.2 loss probe (SackRecovery)
    private final Timer wakeup;

    TcpTimers(Simulator sim, LongConsumer onWake) { wakeup = sim.newTimer(onWake); }

    void armRetransmit(long at) { retransmitAt = at; rearm(); }
    void stopRetransmit() { retransmitAt = NEVER; rearm(); }
    boolean retransmitArmed() { return retransmitAt != NEVER; }
    boolean retransmitDue(long now) { return now >= retransmitAt; }
    long retransmitAt() { return retransmitAt; }

    void armPersist(long at) { persistAt = at; rearm(); }
    void stopPersist() { persistAt = NEVER; rearm(); }
    boolean persistArmed() { return persistAt != NEVER; }
    boolean persistDue(long now) { return now >= persistAt; }

    void armDelayedAck(long at) { delayedAckAt = at; rearm(); }
    void stopDelayedAck() { if (delayedAckAt != NEVER) { delayedAckAt = NEVER; rearm(); } }
    boolean delayedAckArmed() { return delayedAckAt != NEVER; }
    boolean delayedAckDue(long now) { return now >= delayedAckAt; }
    long delayedAckAt() { return delayedAckAt; }

    void armRecovery(long at) { recoveryAt = at; rearm(); }
    boolean recoveryDue(long now) { return now >= recoveryAt; }
    long recoveryAt() { return recoveryAt; }

    void armClose(long at) { closeAt = at; rearm(); }
    boolean closeDue(long now) { return now >= closeAt; }
    long closeAt() { return closeAt; }

    void armKeepAlive(long at) { keepAliveAt = at; rearm(); }
    void stopKeepAlive() { if (keepAliveAt != NEVER) { keepAliveAt = NEVER; rearm(); } }
    boolean keepAliveDue(long now) { return now >= keepAliveAt; }

    void stopAll() {
        retransmitAt = persistAt = delayedAckAt = closeAt = keepAliveAt = recoveryAt = NEVER;
        wakeup.cancel();
    }

    private void rearm() {
        wakeup.setDeadline(Math.min(Math.min(Math.min(retransmitAt, persistAt), Math.min(delayedAckAt, closeAt)), Math.min(keepAliveAt, recoveryAt)));
    }
}
