package io.wirelab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class EventQueueTest {
    /** Interleaved adds and polls with many equal times leave in (time, insertion) order, as a sorted reference says. */
    @Test void pollsInTimeThenInsertionOrder_withManyTies() {
        SplittableRandom r = new SplittableRandom(16);
        EventQueue q = new EventQueue();
        List<Scheduled> reference = new ArrayList<>();
        List<Scheduled> polled = new ArrayList<>();
        Comparator<Scheduled> order = Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::seq);
        long seq = 0, floor = 0;
        for (int round = 0; round < 20_000; round++) {
            if (q.isEmpty() || r.nextInt(3) > 0) {
                Scheduled s = new Scheduled(floor + r.nextInt(20), seq++, () -> {}, null);
                q.add(s);
                reference.add(s);
            } else {
                reference.sort(order);
                Scheduled expected = reference.removeFirst();
                Scheduled got = q.poll();
                assertThat(got).isSameAs(expected);
                floor = got.at();
                polled.add(got);
            }
            assertThat(q.size()).isEqualTo(reference.size());
        }
        reference.sort(order);
        for (Scheduled s : reference) assertThat(q.poll()).isSameAs(s);
        assertThat(q.poll()).isNull();
        assertThat(q.peek()).isNull();
        assertThat(polled).hasSizeGreaterThan(1000);
    }

    @Test void simulator_runsEqualTimeEventsInSchedulingOrder() {
        Simulator sim = new Simulator(1);
        StringBuilder ran = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            int n = i;
            sim.at(5 - (i % 3), () -> ran.append(n).append(','));
        }
        sim.run();
        StringBuilder expected = new StringBuilder();
        for (int t = 3; t <= 5; t++)
            for (int i = 0; i < 200; i++) if (5 - (i % 3) == t) expected.append(i).append(',');
        assertThat(ran.toString()).isEqualTo(expected.toString());
    }

    /** A cancelled event leaves the queue at once (its action is no longer held); the others still run in order. */
    @Test void cancel_removesAtOnce_andTheRestRunInOrder() {
        Simulator sim = new Simulator(1);
        SplittableRandom r = new SplittableRandom(7);
        List<Long> ran = new ArrayList<>();
        List<Scheduled> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            long t = r.nextInt(500);
            long id = i;
            all.add(sim.at(t, () -> ran.add(id)));
        }
        List<Scheduled> kept = new ArrayList<>();
        int cancelled = 0;
        for (Scheduled s : all) {
            if (r.nextInt(3) == 0) { s.cancel(); s.cancel(); cancelled++; }
            else kept.add(s);
        }
        assertThat(sim.pendingEvents()).isEqualTo(5000 - cancelled);
        kept.sort(Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::seq));
        sim.run();
        assertThat(ran).containsExactlyElementsOf(kept.stream().map(all::indexOf).map(Integer::longValue).toList());
        assertThat(sim.pendingEvents()).isZero();
    }

    /** An event cancelled by the one running at the same instant never runs; cancelling the running one is harmless. */
    @Test void cancel_fromARunningEvent() {
        Simulator sim = new Simulator(1);
        List<String> ran = new ArrayList<>();
        Scheduled[] later = new Scheduled[1];
        Scheduled[] self = new Scheduled[1];
        self[0] = sim.at(10, () -> { ran.add("a"); later[0].cancel(); self[0].cancel(); });
        later[0] = sim.at(10, () -> ran.add("b"));
        sim.at(10, () -> ran.add("c"));
        sim.run();
        assertThat(ran).containsExactly("a", "c");
    }
    /**
     * Timers moved in place (Timer.setDeadline on an armed timer) run in the order the old way gave, where the
     * move cancelled the event and scheduled a new one: compared with a twin simulator that does exactly that.
     */
    @Test void timerMovedInPlace_runsWhereACancelledAndRescheduledEventWould() {
        List<String> moved = runTimers(false), twin = runTimers(true);
        assertThat(moved).hasSizeGreaterThan(500).isEqualTo(twin);
    }

    private static List<String> runTimers(boolean cancelAndSchedule) {
        Simulator sim = new Simulator(1);
        SplittableRandom r = new SplittableRandom(21);
        List<String> ran = new ArrayList<>();
        Timer[] timers = new Timer[8];
        Scheduled[] twins = new Scheduled[8];
        for (int k = 0; k < timers.length; k++) { int id = k; timers[k] = sim.newTimer(now -> ran.add("t" + id + "@" + now)); }
        for (int i = 0; i < 3000; i++) {
            long at = r.nextInt(40) + (long) i / 4;
            int id = i;
            sim.at(at, () -> {
                ran.add("e" + id + "@" + sim.now());
                int k = r.nextInt(timers.length);
                long deadline = sim.now() + r.nextInt(12);
                if (!cancelAndSchedule) { timers[k].setDeadline(deadline); return; }
                if (twins[k] != null && twins[k].slot() >= 0 && twins[k].at() == deadline) return;   // as Timer: kept
                if (twins[k] != null) twins[k].cancel();
                twins[k] = sim.at(deadline, () -> ran.add("t" + k + "@" + sim.now()));
            });
        }
        sim.run();
        return ran;
    }
}
