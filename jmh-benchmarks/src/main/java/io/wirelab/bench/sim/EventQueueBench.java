package io.wirelab.bench.sim;

import io.wirelab.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Simulator events per second: a burst of events at scattered times, and a steady chain of events. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventQueueBench {
    private static final int EVENTS = 10_000;

    private long[] times;
    private long fired;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(42);
        times = new long[EVENTS];
        for (int i = 0; i < EVENTS; i++) times[i] = r.nextLong(0, 1_000_000_000L);
    }

    /** Schedule EVENTS events at random times, then run them all. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long scheduleThenRun() {
        Simulator sim = new Simulator(1);
        Runnable count = () -> fired++;
        for (long t : times) sim.at(t, count);
        sim.run();
        return fired;
    }

    /** 64 concurrent "connections", each event scheduling its successor, as timers and links do. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long chained() {
        Simulator sim = new Simulator(1);
        long[] left = {EVENTS};
        for (int c = 0; c < 64; c++) {
            long step = 1_000 + c * 17L;
            sim.after(c, new Runnable() {
                @Override public void run() {
                    fired++;
                    if (--left[0] > 0 && left[0] >= 64) sim.after(step, this);
                }
            });
        }
        sim.run();
        return fired;
    }
}
