package io.wirelab.devices.web.client;

import io.wirelab.sim.SimTime;

/**
 * Where one request's time went, virtual ns. Phases a reused connection skipped are 0.
 * requestSentAt / firstByteAt / completeAt are instants; -1 when the phase never happened.
 */
public record HttpTiming(long startAt, long dnsNanos, long connectNanos, long tlsNanos, long queuedNanos,
                         long requestSentAt, long firstByteAt, long completeAt) {
    public long totalNanos() { return completeAt < 0 ? -1 : completeAt - startAt; }
    public long waitNanos() { return firstByteAt < 0 || requestSentAt < 0 ? -1 : firstByteAt - requestSentAt; }
    public long receiveNanos() { return completeAt < 0 || firstByteAt < 0 ? -1 : completeAt - firstByteAt; }

    @Override public String toString() {
        return "dns " + SimTime.human(dnsNanos) + ", connect " + SimTime.human(connectNanos) + ", tls " + SimTime.human(tlsNanos)
                + ", wait " + (waitNanos() < 0 ? "-" : SimTime.human(waitNanos()))
                + ", receive " + (receiveNanos() < 0 ? "-" : SimTime.human(receiveNanos()))
                + ", total " + (totalNanos() < 0 ? "-" : SimTime.human(totalNanos()));
    }
}
