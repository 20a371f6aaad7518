package io.wirelab.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.WallClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * :pace on a wall clock that moves only when the lab waits on it: a paced :run takes lab time / rate
 * of wall time, :pace fast none, :back's replay none (and the pace holds after it), and the frames
 * are those of an unpaced session.
 */
class ConsolePaceTest {
    @TempDir Path dir;
    final StringWriter printed = new StringWriter();

    /** A wall clock that advances by exactly what the pacer parks for. */
    static final class ParkedClock implements WallClock {
        long now;
        @Override public long nanoTime() { return now; }
        @Override public void parkNanos(long nanos) { now += nanos; }
        @Override public void unpark(Thread thread) { }
    }

    Console console(String name, WallClock clock) {
        Path out = dir.resolve(name);
        return new Console(() -> {
            try {
                return LabBuilder.build(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.to(out));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, out, new PrintWriter(printed, true), clock);
    }

    @Test void aPacedRunTakesLabTimeOverRateOfWallTime_fastTakesNone() {
        ParkedClock clock = new ParkedClock();
        Console c = console("a", clock);
        c.handle(":pace");
        assertThat(printed.toString()).contains("pace fast: lab time runs as fast as the machine can");
        c.handle(":pace 0.5x");
        assertThat(printed.toString()).contains("pace 0.5x: one lab second takes 2 s of wall-clock time");
        c.handle(":run 1.s");
        assertThat(clock.now).as("wall time of 1 s of lab time at 0.5x").isBetween(2 * SimTime.SECOND - SimTime.MS, 2 * SimTime.SECOND);
        c.handle("pc1.ping('10.0.0.2', count: 3, quiet: true)");
        assertThat(clock.now).as("a ping of 3 (2 s of lab time) at 0.5x").isGreaterThan(5 * SimTime.SECOND);
        c.handle(":pace fast");
        long before = clock.now;
        c.handle(":run 10.s");
        assertThat(clock.now).isEqualTo(before);
        c.handle(":pace realtime");
        assertThat(printed.toString()).contains("pace realtime: one lab second per wall-clock second");
        c.handle(":pace 3");
        assertThat(printed.toString()).contains("error: :pace: '3' is not a pace: use realtime, a rate such as 0.1x or 2x, or fast");
        assertThat(c.failures()).isEqualTo(1);
        c.close();
    }

    @Test void backReplaysUnpaced_thenThePaceHolds_andTheFramesAreThoseOfAnUnpacedSession() throws Exception {
        ParkedClock clock = new ParkedClock();
        Console paced = console("paced", clock);
        for (String in : new String[] {":pace 0.1x", ":sim", "pc1.ping('10.0.0.2', count: 2)", ":next 8"}) paced.handle(in);
        long beforeBack = clock.now;
        assertThat(beforeBack).as("stepping waits on the paced clock").isPositive();
        paced.handle(":back 3");
        assertThat(clock.now).as("the replay runs at full speed").isEqualTo(beforeBack);
        assertThat(printed.toString()).contains("back at event 5, ");
        paced.handle(":run");
        assertThat(clock.now - beforeBack).as("1 s of lab time after :back at 0.1x").isGreaterThan(9 * SimTime.SECOND);
        paced.close();

        Console fast = console("fast", WallClock.SYSTEM);
        for (String in : new String[] {":sim", "pc1.ping('10.0.0.2', count: 2)", ":next 5", ":run"}) fast.handle(in);
        fast.close();
        assertThat(paced.failures() + fast.failures()).isZero();
        for (String capture : new String[] {"pc1-eth0.pcapng", "pc2-eth0.pcapng"})
            assertThat(dir.resolve("paced").resolve(capture)).as(capture).hasSameBinaryContentAs(dir.resolve("fast").resolve(capture));
    }
}
