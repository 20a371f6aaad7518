package io.wirelab.cli;

import io.wirelab.devices.Device;
import io.wirelab.devices.bridge.BridgeDevice;
import io.wirelab.labs.run.Lab;
import io.wirelab.sim.LateStretches;
import io.wirelab.sim.RealTime;
import io.wirelab.sim.SimTime;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The end of a real-time run's output: how far behind the wall clock its events ran at most, which
 * event that was and when; with -D{@value #STRETCHES_PROPERTY}=true the worst stretches behind, each
 * with the JVM's uptime in milliseconds when it happened, to match against -Xlog's uptimemillis, and
 * what its wall time went to: the simulator thread's CPU, collections, and a late wake-up before it.
 */
final class RealTimeLag {
    static final String STRETCHES_PROPERTY = "wirelab.realtime.stretches";

    private RealTimeLag() {}

    /** Before the run, when the stretches are asked for: each measures the simulator thread's CPU time and the collections in it. */
    static void watch(RealTime rt) {
        if (!Boolean.getBoolean(STRETCHES_PROPERTY)) return;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        rt.measureStretches(threads::getCurrentThreadCpuTime, () -> {
            long n = 0;
            for (GarbageCollectorMXBean c : collectors) n += Math.max(0, c.getCollectionCount());
            return n;
        });
    }

    /** What each bridge moved, and what it and the kernel dropped by reason, as tcpdump's "dropped by kernel". */
    static void printBridges(Lab lab, PrintStream out) {
        for (Device d : lab.devices().values())
            if (d instanceof BridgeDevice b) out.println("bridge " + b.name() + " (" + b.hostInterface() + "): " + b.bridge().counters());
    }

    static void print(RealTime rt, PrintStream out) {
        List<LateStretches.Stretch> worst = rt.worstStretches();
        StringBuilder line = new StringBuilder("real time: events ran at most ").append(SimTime.human(rt.maxLatenessNanos()))
                .append(" behind the wall clock");
        if (!worst.isEmpty()) {
            LateStretches.Stretch s = worst.getFirst();
            line.append(" (").append(s.event()).append(" at lab time ").append(SimTime.human(s.virtualNanos()))
                    .append(", the last of ").append(s.events()).append(s.events() == 1 ? " event" : " events").append(" run back to back)");
        }
        out.println(line);
        if (rt.framesWaited() > 0)
            out.println("real time: frames from outside waited at most " + SimTime.human(rt.longestFrameWaitNanos())
                    + " between their capture and the lab taking them in (that one at lab time "
                    + SimTime.human(rt.longestFrameWaitTakenAtNanos()) + "; " + rt.framesWaited() + " frames)");
        if (!Boolean.getBoolean(STRETCHES_PROPERTY)) return;
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        long wallNow = rt.clock().nanoTime();
        out.println("real time: the worst stretches behind the wall clock (lateness, lab time, JVM uptime, event, events;"
                + " the stretch's wall time, of it on the simulator thread's CPU, collections in it or the wait before it; how late its first event ran):");
        for (LateStretches.Stretch s : worst)
            out.printf("  %s  %s  %d ms  %s  %d;  %s%s;  first %s late%n", SimTime.human(s.lateNanos()), SimTime.human(s.virtualNanos()),
                    uptimeMillis - (wallNow - s.wallNanos()) / 1_000_000L, s.event(), s.events(), SimTime.human(s.spanNanos()),
                    s.measured() ? ", " + SimTime.human(s.cpuNanos()) + " on CPU, " + s.collections() + (s.collections() == 1 ? " collection" : " collections") : "",
                    SimTime.human(s.firstLateNanos()));
    }
}
