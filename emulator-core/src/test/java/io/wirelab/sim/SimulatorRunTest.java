package io.wirelab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs go event by event however many events there are: a condition is checked before each, a stop after each. */
class SimulatorRunTest {
    static List<Long> everyMicrosecond(Simulator sim, int events) {
        List<Long> ran = new ArrayList<>();
        for (int i = 1; i <= events; i++) sim.at(i * 1_000L, () -> ran.add(sim.now()));
        return ran;
    }

    @Test void aConditionRun_stopsAtTheEventThatSatisfiedIt_whereverThatFalls() {
        for (int target : new int[] {1, 31, 32, 33, 64, 65, 199}) {
            Simulator sim = new Simulator(1);
            List<Long> ran = everyMicrosecond(sim, 200);
            assertThat(sim.runUntil(() -> ran.size() == target, SimTime.seconds(1))).isTrue();
            assertThat(ran).hasSize(target);
            assertThat(sim.now()).isEqualTo(target * 1_000L);
        }
    }

    @Test void aConditionRun_thatNeverHolds_runsEveryEventDue_thenLeavesTheClockAtTheTimeout() {
        Simulator sim = new Simulator(1);
        List<Long> ran = everyMicrosecond(sim, 100);
        assertThat(sim.runUntil(() -> false, 70_500)).isFalse();
        assertThat(ran).hasSize(70);
        assertThat(sim.now()).isEqualTo(70_500);
    }

    @Test void aTimedRun_runsEveryEventDue_andAStopAfterManyEventsEndsItThere() {
        Simulator sim = new Simulator(1);
        List<Long> ran = everyMicrosecond(sim, 300);
        sim.at(100_000, sim::requestStop);
        assertThat(sim.runUntil(250_000)).isFalse();
        assertThat(ran).hasSize(100);
        assertThat(sim.runUntil(250_000)).isTrue();
        assertThat(ran).hasSize(250);
        assertThat(sim.now()).isEqualTo(250_000);
    }

    @Test void cancelledEvents_areSkipped_andDoNotEndARun() {
        Simulator sim = new Simulator(1);
        List<Long> ran = everyMicrosecond(sim, 10);
        List<Scheduled> cancelled = new ArrayList<>();
        for (int i = 0; i < 100; i++) cancelled.add(sim.at(500, () -> ran.add(-1L)));
        cancelled.forEach(Scheduled::cancel);
        assertThat(sim.runUntil(() -> ran.size() == 10, SimTime.seconds(1))).isTrue();
        assertThat(ran).doesNotContain(-1L).hasSize(10);
    }
}
