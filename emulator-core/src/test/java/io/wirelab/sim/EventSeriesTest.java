package io.wirelab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSeriesTest {
    /**
     * One scenario run twice: series items in one simulator, the same items as plain events in a twin.
     * Actions schedule more plain events and series items at equal and later times (many ties), from
     * inside events and from series actions; every action's place in the run must match.
     */
    @Test void runsEveryItemWhereAPlainEventScheduledAtTheSameMomentRuns() {
        for (long seed = 1; seed <= 20; seed++) {
            List<String> withSeries = run(seed, true);
            List<String> withEvents = run(seed, false);
            assertThat(withSeries).hasSizeGreaterThan(2_000).containsExactlyElementsOf(withEvents);
        }
    }

    private static List<String> run(long seed, boolean series) {
        Simulator sim = new Simulator(1);
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ran = new ArrayList<>();
        int[] ids = {0};
        long[] lastSeriesAt = new long[3];
        List<EventSeries<String>> chains = new ArrayList<>();
        Runnable[] step = new Runnable[1];
        for (int c = 0; c < 3; c++) {
            int chain = c;
            chains.add(new EventSeries<>(sim, "chain " + c, (item, at) -> {
                ran.add(item + "@" + at + "/" + sim.now());
                step[0].run();
            }));
            lastSeriesAt[chain] = 0;
        }
        step[0] = () -> {
            if (ids[0] > 3_000) return;
            int n = 1 + r.nextInt(2);
            for (int k = 0; k < n; k++) {
                String id = "#" + ids[0]++;
                if (r.nextBoolean()) {
                    sim.at(sim.now() + r.nextInt(3), () -> { ran.add(id + "@" + sim.now()); step[0].run(); });
                } else {
                    int chain = r.nextInt(3);
                    long at = Math.max(sim.now(), lastSeriesAt[chain]) + r.nextInt(2);
                    lastSeriesAt[chain] = at;
                    String item = id + " chain " + chain;
                    if (series) chains.get(chain).add(at, item);
                    else sim.at(at, () -> { ran.add(item + "@" + at + "/" + sim.now()); step[0].run(); });
                }
            }
        };
        for (int i = 0; i < 5; i++) sim.at(i, step[0]);
        sim.run();
        return ran;
    }

    @Test void aFailingActionDoesNotStallTheItemsAfterIt() {
        Simulator sim = new Simulator(1);
        List<Integer> ran = new ArrayList<>();
        EventSeries<Integer> s = new EventSeries<>(sim, "items", (item, at) -> {
            if (item == 1) throw new IllegalStateException("item 1 fails");
            ran.add(item);
        });
        for (int i = 0; i < 3; i++) s.add(10 * i, i);
        assertThatThrownBy(sim::run).hasMessage("item 1 fails");
        sim.run();
        assertThat(ran).containsExactly(0, 2);
        assertThat(s.size()).isZero();
    }

    @Test void refusesAnItemBeforeTheLastOrInThePast() {
        Simulator sim = new Simulator(1);
        EventSeries<String> s = new EventSeries<>(sim, "items", (item, at) -> {});
        s.add(20, "a");
        assertThatThrownBy(() -> s.add(19, "b")).isInstanceOf(IllegalArgumentException.class);
        sim.runUntil(30);
        assertThatThrownBy(() -> s.add(29, "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void growsPastItsFirstCapacity_inOrder() {
        Simulator sim = new Simulator(1);
        List<Integer> ran = new ArrayList<>();
        EventSeries<Integer> s = new EventSeries<>(sim, "items", (item, at) -> ran.add(item));
        sim.at(0, () -> { for (int i = 0; i < 10; i++) s.add(i, i); });
        sim.run();
        for (int i = 10; i < 100; i++) s.add(sim.now() + i / 7, i);   // wrapped ring, then grown
        sim.run();
        assertThat(ran).hasSize(100).isSorted();
    }
}
