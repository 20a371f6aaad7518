package io.wirelab.devices.host;

import io.wirelab.sim.Scheduled;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.EchoReplyListener;
import io.wirelab.stack.Icmpv4Error;
import io.wirelab.stack.Icmpv4ErrorListener;
import io.wirelab.stack.NetworkStack;
import io.wirelab.wire.Bytes;
import io.wirelab.wire.icmpv4.Icmpv4Message;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One run of ping(8): count echo requests (RFC 792) every interval, each with the sender's
 * virtual time in the first 16 data bytes like Linux's struct timeval and the byte pattern
 * 0x10, 0x11, ... after it. Finishes when every request has a reply or an error, or timeout after
 * the last request; the future completes inside a simulator event.
 */
final class PingClient implements EchoReplyListener, Icmpv4ErrorListener {
    private static final int TIMEVAL_BYTES = 16;

    private final Simulator sim;
    private final NetworkStack stack;
    private final Ipv4Address destination;
    private final PingOptions options;
    private final int identifier;
    private final long[] sentAt;
    private final boolean[] done;
    private final List<Long> rtts = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private final CompletableFuture<PingResult> result = new CompletableFuture<>();
    private final long startedAt;
    private int sent;
    private int received;
    private Scheduled next;
    private Scheduled deadline;

    PingClient(NetworkStack stack, Ipv4Address destination, PingOptions options, int identifier) {
        this.sim = stack.simulator();
        this.stack = stack;
        this.destination = destination;
        this.options = options;
        this.identifier = identifier;
        this.sentAt = new long[options.count()];
        this.done = new boolean[options.count()];
        this.startedAt = sim.now();
    }

    CompletableFuture<PingResult> start() {
        stack.icmp().addEchoReplyListener(this);
        stack.icmp().addErrorListener(this);
        next = sim.after(0, this::sendNext);
        return result;
    }

    private void sendNext() {
        int seq = sent + 1;   // ping(8) numbers from 1
        long now = sim.now();
        sentAt[sent] = now;
        sent++;
        if (!stack.icmp().sendEchoRequest(destination, identifier, seq & 0xffff, payload(now), options.ttl())) {
            done[seq - 1] = true;
            errors.add("icmp_seq=" + (seq & 0xffff) + " send failed: no route or no source address");
        }
        if (sent < options.count()) next = sim.after(options.intervalNanos(), this::sendNext);
        else deadline = sim.after(options.timeoutNanos(), this::finish);
        if (allDone()) finish();
    }

    private byte[] payload(long now) {
        byte[] data = new byte[options.payloadBytes()];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        if (data.length >= TIMEVAL_BYTES) {
            long sec = now / 1_000_000_000L, usec = (now % 1_000_000_000L) / 1_000;
            for (int i = 0; i < 8; i++) { data[i] = (byte) (sec >>> (8 * i)); data[8 + i] = (byte) (usec >>> (8 * i)); }
        }
        return data;
    }

    @Override
    public void onEchoReply(int id, int wireSeq, Ipv4Address from, byte[] data, long now) {
        int seq = unwrap(wireSeq);
        if (id != identifier || !from.equals(destination) || seq < 1 || done[seq - 1]) return;
        done[seq - 1] = true;
        received++;
        rtts.add(now - sentAt[seq - 1]);
        transcript.add((data.length + 8) + " bytes from " + from + ": icmp_seq=" + wireSeq + " time="
                + String.format(java.util.Locale.ROOT, "%.3f", (now - sentAt[seq - 1]) / 1e6) + " ms");
        if (allDone()) finish();
    }

    @Override
    public void onIcmpError(Icmpv4Error e, long now) {
        byte[] t = e.originalTransport();
        if (!e.originalProtocol().equals(IpProtocol.ICMP) || t.length < 8 || Bytes.u8(t, 0) != Icmpv4Message.TYPE_ECHO_REQUEST) return;
        int id = Bytes.u16(t, 4), seq = unwrap(Bytes.u16(t, 6));
        if (id != identifier || !e.originalDestination().equals(destination) || seq < 1 || done[seq - 1]) return;
        done[seq - 1] = true;
        errors.add("From " + e.reporter() + " icmp_seq=" + (seq & 0xffff) + " " + e.describe());
        transcript.add(errors.getLast());
        if (allDone()) finish();
    }

    /** The echo sequence field is 16 bits (RFC 792): map it to the latest request sent with that value. */
    private int unwrap(int wireSeq) {
        return sent - ((sent - wireSeq) & 0xffff);
    }

    private boolean allDone() {
        if (sent < options.count()) return false;
        for (boolean d : done) if (!d) return false;
        return true;
    }

    /** Stops sending and completes the result with what has been seen so far (no-op once finished). */
    void stop() { finish(); }

    private void finish() {
        if (result.isDone()) return;
        if (next != null) next.cancel();
        if (deadline != null) deadline.cancel();
        stack.icmp().removeEchoReplyListener(this);
        stack.icmp().removeErrorListener(this);
        result.complete(new PingResult(destination, sent, received, rtts, errors.size(), errors, sim.now() - startedAt, transcript));
    }

}
