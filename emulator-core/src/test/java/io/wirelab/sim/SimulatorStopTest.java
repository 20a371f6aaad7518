package io.wirelab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** requestStop: a request is never lost (even one made before the run starts) and stops exactly one run. */
class SimulatorStopTest {
    @Test void aStopDuringAnEvent_endsTheRunAfterThatEvent_andTheNextRunGoesOn() {
        Simulator sim = new Simulator(1);
        List<Long> ran = new ArrayList<>();
        sim.at(10, () -> { ran.add(sim.now()); sim.requestStop(); });
        sim.at(20, () -> ran.add(sim.now()));
        assertThat(sim.runUntil(100)).isFalse();
        assertThat(ran).containsExactly(10L);
        assertThat(sim.now()).isEqualTo(10);
        assertThat(sim.isStopRequested()).isFalse();
        assertThat(sim.runUntil(100)).isTrue();
        assertThat(ran).containsExactly(10L, 20L);
        assertThat(sim.now()).isEqualTo(100);
    }

    @Test void aStopRequestedBeforeTheRun_stopsItBeforeItsFirstEvent_once() {
        Simulator sim = new Simulator(1);
        List<Long> ran = new ArrayList<>();
        sim.at(10, () -> ran.add(sim.now()));
        sim.requestStop();
        assertThat(sim.runFor(50)).isFalse();
        assertThat(ran).isEmpty();
        assertThat(sim.now()).isZero();
        assertThat(sim.runFor(50)).isTrue();
        assertThat(ran).containsExactly(10L);
    }

    @Test void aConditionRun_alsoHonoursAnEarlierStop() {
        Simulator sim = new Simulator(1);
        List<Long> ran = new ArrayList<>();
        sim.at(10, () -> ran.add(sim.now()));
        sim.requestStop();
        assertThat(sim.runUntil(() -> !ran.isEmpty(), 1_000)).isFalse();
        assertThat(ran).isEmpty();
        assertThat(sim.runUntil(() -> !ran.isEmpty(), 1_000)).isTrue();
        assertThat(sim.now()).isEqualTo(10);
    }

    @Test void clearStopRequest_dropsAStaleRequest() {
        Simulator sim = new Simulator(1);
        sim.at(10, () -> {});
        sim.requestStop();
        assertThat(sim.isStopRequested()).isTrue();
        sim.clearStopRequest();
        assertThat(sim.runUntil(100)).isTrue();
        assertThat(sim.eventsExecuted()).isEqualTo(1);
    }
}
