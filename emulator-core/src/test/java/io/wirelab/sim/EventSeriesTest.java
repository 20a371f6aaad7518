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
    /**
     * A lazy series, run up to each event (runDue) and followed by an event at each item's time, as its
     * owner promises: every action keeps the place among the events that the queued series gives it.
     */
    @Test void aLazySeriesRunUpToEachEvent_keepsTheQueuedSeriesOrder() {
        for (long seed = 1; seed <= 20; seed++) {
            List<String> lazy = promisedRun(seed, true);
            assertThat(lazy).hasSizeGreaterThan(2_000).containsExactlyElementsOf(promisedRun(seed, false));
        }
    }

    private static List<String> promisedRun(long seed, boolean lazy) {
        Simulator sim = new Simulator(1);
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ran = new ArrayList<>();
        EventSeries<String> series = new EventSeries<>(sim, "items", (item, at) -> ran.add(item + "@" + at));
        series.setLazy(lazy);
        long[] last = {0};
        int[] ids = {0};
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            series.runDue();
            ran.add("event@" + sim.now());
            if (ids[0] > 3_000) return;
            for (int k = 1 + r.nextInt(2); k > 0; k--) {
                String id = "#" + ids[0]++;
                if (r.nextBoolean()) {
                    sim.at(sim.now() + r.nextInt(3), step[0]);
                } else {
                    long at = Math.max(sim.now(), last[0]) + r.nextInt(2);
                    last[0] = at;
                    series.add(at, id);
                    sim.at(at, step[0]);                           // the event after it
                }
            }
        };
        for (int i = 0; i < 5; i++) sim.at(i, step[0]);
        sim.run();
        return ran;
    }

    /** Due means: at an earlier time, or at the same time scheduled before the last event run; a run to a time passes all of it. */
    @Test void aLazyActionIsDueOnceItsMomentHasPassed() {
        Simulator sim = new Simulator(1);
        List<String> ran = new ArrayList<>();
        EventSeries<String> s = new EventSeries<>(sim, "items", (item, at) -> ran.add(item));
        s.setLazy(true);
        boolean[] before = {false};
        sim.at(10, () -> before[0] = true);                        // scheduled before the item: runs first
        sim.at(5, () -> s.add(10, "item"));
        sim.at(10, () -> {});                                      // scheduled after it
        sim.runUntil(() -> before[0], 100);
        s.runDue();
        assertThat(ran).as("the event before it ran, it did not").isEmpty();
        sim.runUntil(() -> false, 0);
        s.runDue();
        assertThat(ran).as("a run to time 10 passes everything at 10").containsExactly("item");
        assertThat(sim.pendingEvents()).isZero();

        s.add(20, "late");
        sim.runUntil(19);
        s.runDue();
        assertThat(ran).containsExactly("item");
        s.setLazy(false);                                          // queued again: it waits in the queue
        assertThat(sim.pendingEvents()).isOne();
        sim.run();
        assertThat(ran).containsExactly("item", "late");
    }
}
