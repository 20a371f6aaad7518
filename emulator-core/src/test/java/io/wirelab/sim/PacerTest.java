package io.wirelab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacerTest {
    /** Runs events at 0, 100, 300 and 700 ms of virtual time under rate; returns the wall time (from the start) each ran at. */
    private static List<Long> wallTimesAt(double rate, RealTimeTest.ManualClock clock, Simulator sim) {
        sim.pace(clock, rate);
        long start = clock.now;
        List<Long> wall = new ArrayList<>();
        for (long ms : new long[] {0, 100, 300, 700}) sim.at(SimTime.millis(ms), () -> wall.add(clock.now - start));
        assertThat(sim.runUntil(SimTime.SECOND)).isTrue();
        wall.add(clock.now - start);                                  // the end of the run
        return wall;
    }

    @Test void twiceAsFastRunsEachEventAtHalfItsVirtualTimeOnTheWallClock() {
        RealTimeTest.ManualClock clock = new RealTimeTest.ManualClock();
        assertThat(wallTimesAt(2, clock, new Simulator(1)))
                .containsExactly(0L, SimTime.millis(50), SimTime.millis(150), SimTime.millis(350), SimTime.millis(500));
    }

    @Test void slowMotionStretchesTheWallTimeTenfold() {
        RealTimeTest.ManualClock clock = new RealTimeTest.ManualClock();
        assertThat(wallTimesAt(0.1, clock, new Simulator(1)))
                .containsExactly(0L, SimTime.millis(1000), SimTime.millis(3000), SimTime.millis(7000), SimTime.millis(10_000));
    }

    private static List<Long> randomEventTimes(Simulator sim) {
        List<Long> log = new ArrayList<>();
        SimRandom r = sim.random("x");
        for (int i = 0; i < 20; i++) sim.at(r.nextLong(0, SimTime.SECOND), () -> log.add(sim.now()));
        sim.run();
        return log;
    }

    @Test void pacedRunsDoTheSameWorkAsUnpacedOnes() {
        Simulator paced = new Simulator(7);
        paced.pace(new RealTimeTest.ManualClock(), 0.5);
        assertThat(randomEventTimes(paced)).hasSize(20).isSorted().isEqualTo(randomEventTimes(new Simulator(7)));
    }

    @Test void timeSpentOutsideARunIsNotCaughtUpInABurst() {
        RealTimeTest.ManualClock clock = new RealTimeTest.ManualClock();
        Simulator sim = new Simulator(1);
        sim.pace(clock, 1);
        sim.runUntil(SimTime.millis(100));
        clock.now += 30 * SimTime.SECOND;                              // the user sat at the console prompt
        long resumed = clock.now;
        List<Long> wall = new ArrayList<>();
        sim.at(SimTime.millis(150), () -> wall.add(clock.now - resumed));
        sim.at(SimTime.millis(400), () -> wall.add(clock.now - resumed));
        sim.runUntil(SimTime.millis(400));
        assertThat(wall).containsExactly(SimTime.millis(50), SimTime.millis(300));
    }

    @Test void aStopRequestEndsTheWait() {
        RealTimeTest.ManualClock clock = new RealTimeTest.ManualClock();
        Simulator sim = new Simulator(1);
        sim.pace(clock, 1);
        List<String> ran = new ArrayList<>();
        sim.at(SimTime.SECOND, () -> ran.add("late"));
        clock.arrivals.put(clock.now + SimTime.millis(200), sim::requestStop);
        assertThat(sim.runUntil(2 * SimTime.SECOND)).isFalse();
        assertThat(ran).isEmpty();
        assertThat(sim.now()).isZero();
    }

    @Test void anEndlessRunWithNothingLeftReturnsAtOnce() {
        RealTimeTest.ManualClock clock = new RealTimeTest.ManualClock();
        Simulator sim = new Simulator(1);
        sim.pace(clock, 1);
        long start = clock.now;
        assertThat(sim.run()).isTrue();
        assertThat(clock.now).isEqualTo(start);
    }

    @Test void rateMustBePositiveAndRealTimeCannotBePaced() {
        assertThatThrownBy(() -> new Simulator(1).pace(WallClock.SYSTEM, 0)).isInstanceOf(IllegalArgumentException.class);
        Simulator rt = new Simulator(1);
        rt.enableRealTime(new RealTimeTest.ManualClock());
        assertThatThrownBy(() -> rt.pace(WallClock.SYSTEM, 2)).isInstanceOf(IllegalStateException.class);
    }
}
