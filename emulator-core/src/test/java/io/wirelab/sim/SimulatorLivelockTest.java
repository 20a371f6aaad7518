package io.wirelab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The zero-time livelock guard: at most instantEventLimit events at one virtual instant. */
class SimulatorLivelockTest {
    @Test void anEventThatReschedulesItselfWithZeroDelay_failsTheRun_namingTheEvent() {
        Simulator sim = new Simulator(1);
        sim.setInstantEventLimit(1000);
        sim.at(5, () -> loop(sim));
        assertThatThrownBy(sim::run)
                .isInstanceOf(SimulationLivelockException.class)
                .hasMessageContaining("1000 events ran at virtual time 0.000000005 s")
                .hasMessageContaining("pc1: ipv4 loopback");
        assertThat(sim.now()).isEqualTo(5);
        assertThat(sim.eventsExecuted()).isEqualTo(1000);
    }

    @Test void anUnlabelledEvent_isNamedByTheClassThatScheduledIt() {
        Simulator sim = new Simulator(1);
        sim.setInstantEventLimit(10);
        Runnable[] again = new Runnable[1];
        again[0] = () -> sim.after(0, again[0]);
        sim.after(0, again[0]);
        assertThatThrownBy(sim::run).isInstanceOfSatisfying(SimulationLivelockException.class,
                e -> assertThat(e.event()).isEqualTo("SimulatorLivelockTest"));
    }

    @Test void theCountStartsAgainWhenTimeAdvances() {
        Simulator sim = new Simulator(1);
        sim.setInstantEventLimit(10);
        int[] ran = new int[1];
        for (long t = 0; t < 5; t++) for (int i = 0; i < 10; i++) sim.at(t, () -> ran[0]++);
        assertThat(sim.run()).isTrue();
        assertThat(ran[0]).isEqualTo(50);
    }

    @Test void theDefaultLimitIsGenerous() {
        assertThat(new Simulator(1).instantEventLimit()).isEqualTo(Simulator.DEFAULT_INSTANT_EVENT_LIMIT).isGreaterThanOrEqualTo(1_000_000);
    }

    private static void loop(Simulator sim) { sim.after(0, "pc1: ipv4 loopback", () -> loop(sim)); }
}
