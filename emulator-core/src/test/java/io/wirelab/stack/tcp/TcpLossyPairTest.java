package io.wirelab.stack.tcp;

import io.wirelab.sim.SimRandom;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.IpService;
import io.wirelab.wire.ipv4.IpProtocol;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style (seeded loops): two TcpLayers joined by a fake IP that loses, duplicates and reorders
 * up to 20% per direction. Both sides send random amounts in random write sizes, half close, read to
 * EOF and close. Every byte must arrive exactly once and in order, both ends must close, nothing hangs.
 */
class TcpLossyPairTest {
    static final Ipv4Address A = Ipv4Address.parse("10.0.0.1"), B = Ipv4Address.parse("10.0.0.2");

    /** A one-way lossy channel with a fixed delay; deliver() hands the datagram to the other layer. */
    static final class LossyIp implements IpService {
        final Simulator sim;
        final SimRandom random;
        final Ipv4Address self;
        final double loss, dup, reorder;
        TcpLayer peer;
        long sent, dropped;

        LossyIp(Simulator sim, SimRandom random, Ipv4Address self, double loss, double dup, double reorder) {
            this.sim = sim; this.random = random; this.self = self; this.loss = loss; this.dup = dup; this.reorder = reorder;
        }

        @Override public boolean send(Ipv4Address s, Ipv4Address d, IpProtocol p, byte[] b, int off, int len) {
            sent++;
            byte[] copy = Arrays.copyOfRange(b, off, off + len);
            int copies = random.chance(dup) ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                if (random.chance(loss)) { dropped++; continue; }
                long delay = SimTime.millis(5) + (random.chance(reorder) ? SimTime.micros(random.nextInt(20_000)) : 0);
                sim.after(delay, () -> peer.receive(s, d, copy, 0, copy.length, sim.now()));
            }
            return true;
        }
        @Override public Ipv4Address sourceFor(Ipv4Address d) { return self; }
        @Override public int mtuToward(Ipv4Address d) { return 1500; }
        @Override public boolean isLocal(Ipv4Address a) { return a.equals(self); }
    }

    /** One endpoint: writes its data as the send buffer allows, half-closes, reads to EOF, closes. */
    static final class Endpoint {
        final byte[] toSend;
        final MessageDigest received = sha();
        int written;
        long receivedBytes;
        boolean eof, shut;
        TcpCloseReason closed;
        TcpSocket socket;
        final SimRandom random;

        Endpoint(byte[] toSend, SimRandom random) { this.toSend = toSend; this.random = random; }

        void attach(TcpSocket s) {
            socket = s;
            s.onWritable(this::pump);
            s.onReadable(this::drain);
            s.onClosed(r -> closed = r);
            pump();
            drain();
        }

        void pump() {
            while (written < toSend.length && socket.writableBytes() > 0) {
                int chunk = 1 + random.nextInt(Math.min(20_000, toSend.length - written));
                int n = socket.write(toSend, written, chunk);
                if (n == 0) break;
                written += n;
            }
            if (written == toSend.length && !shut) { shut = true; socket.shutdownOutput(); }
        }

        void drain() {
            byte[] buf = new byte[1 + random.nextInt(9000)];
            while (!eof) {
                int n = socket.read(buf, 0, buf.length);
                if (n == 0) return;
                if (n < 0) { eof = true; break; }
                received.update(buf, 0, n);
                receivedBytes += n;
            }
            if (eof && shut) socket.close();
        }
    }

    static MessageDigest sha() {
        try { return MessageDigest.getInstance("SHA-256"); } catch (Exception e) { throw new IllegalStateException(e); }
    }

    static byte[] digest(byte[] b) { return sha().digest(b); }

    @Test void randomLossDuplicationReordering_everyByteOnceInOrder_bothClose() {
        for (int seed = Integer.getInteger("tcpseed", 1); seed <= Integer.getInteger("tcpseedTo", 24); seed++) runOnce(seed);
    }

    private void runOnce(int seed) {
        Simulator sim = new Simulator(seed);
        SimRandom r = sim.random("scenario");
        LossyIp ab = new LossyIp(sim, sim.random("a>b"), A, 0.2 * r.nextDouble(), 0.2 * r.nextDouble(), 0.2 * r.nextDouble());
        LossyIp ba = new LossyIp(sim, sim.random("b>a"), B, 0.2 * r.nextDouble(), 0.2 * r.nextDouble(), 0.2 * r.nextDouble());
        TcpLayer la = new TcpLayer(sim, ab, sim.random("a/tcp"), "a");
        TcpLayer lb = new TcpLayer(sim, ba, sim.random("b/tcp"), "b");
        ab.peer = lb;
        ba.peer = la;
        TcpOptions o = TcpOptions.defaults()
                .withReceiveBuffer(4096 + r.nextInt(200_000)).withSendBuffer(4096 + r.nextInt(200_000))
                .withNoDelay(r.chance(0.5)).withTimestamps(r.chance(0.5)).withSack(r.chance(0.7))
                .withInitialWindowSegments(1 + r.nextInt(10)).withMaxRetries(30);
        byte[] fromA = new byte[r.nextInt(300_000)], fromB = new byte[r.nextInt(100_000)];
        r.nextBytes(fromA);
        r.nextBytes(fromB);
        Endpoint ea = new Endpoint(fromA, sim.random("a/app")), eb = new Endpoint(fromB, sim.random("b/app"));
        lb.listen(80, o, 4, eb::attach);
        CompletableFuture<TcpSocket> f = la.connect(B, 80, o);
        f.thenAccept(ea::attach);
        boolean done = sim.runUntil(() -> ea.closed != null && eb.closed != null && onlyTimeWait(la) && onlyTimeWait(lb),
                SimTime.seconds(3600));
        String ctx = "seed " + seed + " loss " + ab.loss + "/" + ba.loss + " a=" + la.connections().stream().map(s -> s + " " + s.info()).toList() + " b=" + lb.connections().stream().map(s -> s + " " + s.info()).toList()
                + " closed " + ea.closed + "/" + eb.closed + " traceA=" + (ea.socket == null ? null : ea.socket.trace().states()) + " traceB=" + (eb.socket == null ? null : eb.socket.trace().states()) + " infoA=" + (ea.socket == null ? null : ea.socket.info()) + " ca=" + la.counters() + " cb=" + lb.counters()
                + " a.rx=" + ea.receivedBytes + "/" + fromB.length + " b.rx=" + eb.receivedBytes + "/" + fromA.length;
        assertThat(done).as(ctx).isTrue();
        assertThat(eb.received.digest()).as(ctx).isEqualTo(digest(fromA));
        assertThat(ea.received.digest()).as(ctx).isEqualTo(digest(fromB));
        assertThat(EnumSet.of(ea.closed, eb.closed)).as(ctx).containsOnly(TcpCloseReason.NORMAL);
        sim.runFor(SimTime.seconds(300));                           // 2 MSL (120 s) later, plus restarts by late FINs
        assertThat(la.sockets()).as(ctx).isEmpty();
        assertThat(lb.sockets()).extracting(TcpSocketInfo::state).as(ctx).containsExactly(TcpState.LISTEN);
    }

    private static boolean onlyTimeWait(TcpLayer l) {
        return l.connections().stream().allMatch(s -> s.state() == TcpState.TIME_WAIT);
    }
}
