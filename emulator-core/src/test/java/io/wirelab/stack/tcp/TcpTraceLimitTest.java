package io.wirelab.stack.tcp;

import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.WallClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A trace keeps samples up to its limit and every state change; a real-time lab's connections get the small limit. */
class TcpTraceLimitTest {
    /** A wall clock that jumps to the end of every park: a real-time run without waiting. */
    static final class JumpingClock implements WallClock {
        long now;
        @Override public long nanoTime() { return now; }
        @Override public void parkNanos(long nanos) { now += nanos; }
        @Override public void unpark(Thread thread) {}
    }

    @Test void samplesPastTheLimitAreCountedAndStateChangesStillKept() {
        TcpTrace t = new TcpTrace(3);
        for (int i = 1; i <= 5; i++) t.sample(i, TcpTrace.Metric.SRTT, 100 + i);
        t.stateChanged(9, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, "FIN received");
        assertThat(t.samples(TcpTrace.Metric.SRTT)).extracting(TcpTrace.Sample::value).containsExactly(101L, 102L, 103L);
        assertThat(t.droppedPoints()).isEqualTo(2);
        assertThat(t.states()).extracting(TcpTrace.StateChanged::to).containsExactly(TcpState.CLOSE_WAIT);
        assertThat(t.points().getLast()).isInstanceOf(TcpTrace.StateChanged.class);
    }

    @Test void pointsComeBackInTheOrderTheyHappened() {
        TcpTrace t = new TcpTrace();
        t.sample(1, TcpTrace.Metric.CWND, 14_600);
        t.stateChanged(2, TcpState.SYN_SENT, TcpState.ESTABLISHED, "SYN-ACK received");
        t.sample(3, TcpTrace.Metric.SRTT, 5_000);
        t.sample(4, TcpTrace.Metric.CWND, 14_600);          // unchanged: not a point
        t.sample(5, TcpTrace.Metric.CWND, 29_200);
        assertThat(t.points()).containsExactly(new TcpTrace.Sample(1, TcpTrace.Metric.CWND, 14_600),
                new TcpTrace.StateChanged(2, TcpState.SYN_SENT, TcpState.ESTABLISHED, "SYN-ACK received"),
                new TcpTrace.Sample(3, TcpTrace.Metric.SRTT, 5_000), new TcpTrace.Sample(5, TcpTrace.Metric.CWND, 29_200));
        assertThat(t.samples(TcpTrace.Metric.CWND)).extracting(TcpTrace.Sample::atNanos).containsExactly(1L, 5L);
        assertThat(t.toCsv()).isEqualTo("""
                time_s,event,value
                0.000000001,cwnd,14600
                0.000000002,state,SYN-SENT>ESTABLISHED
                0.000000003,srtt,0.000005000
                0.000000005,cwnd,29200
                """);
    }

    @Test void aRealTimeConnectionKeepsTheRealTimeLimitOfSamples() {
        assertThat(transferTrace(false).samples()).as("the transfer samples more than the real-time limit").isGreaterThan(TcpTrace.REAL_TIME_MAX_SAMPLES);
        Traced realTime = transferTrace(true);
        assertThat(realTime.samples()).isEqualTo(TcpTrace.REAL_TIME_MAX_SAMPLES);
        assertThat(realTime.trace().droppedPoints()).isPositive();
        assertThat(realTime.trace().states().getLast().to()).isEqualTo(TcpState.TIME_WAIT);
    }

    record Traced(TcpTrace trace, int samples) {}

    private static Traced transferTrace(boolean realTime) {
        TcpOverLinkTest.Net t = new TcpOverLinkTest.Net(7, LinkParams.DEFAULT.withBandwidth(100_000_000L)
                .withDelay(SimTime.millis(2)).withLoss(0.01));
        if (realTime) t.sim.enableRealTime(new JumpingClock());
        TcpOverLinkTest.Sink sink = new TcpOverLinkTest.Sink();
        t.b.tcp().listen(5001, s -> sink.attach(s, t.sim));
        CompletableFuture<TcpSocket> f = t.a.tcp().connect(TcpOverLinkTest.IP_B, 5001);
        f.thenAccept(s -> TcpOverLinkTest.sendAll(s, new byte[10 * 1024 * 1024]));
        assertThat(t.sim.runUntil(() -> sink.eof, SimTime.seconds(600))).isTrue();
        TcpSocket client = f.join();
        assertThat(t.sim.runUntil(() -> client.state() == TcpState.TIME_WAIT, SimTime.seconds(60))).isTrue();
        int samples = 0;
        for (TcpTrace.Point p : client.trace().points()) if (p instanceof TcpTrace.Sample) samples++;
        return new Traced(client.trace(), samples);
    }
}
