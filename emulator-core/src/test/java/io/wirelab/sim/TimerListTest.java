package io.wirelab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimerListTest {
    /** A record of the scenario: an entry of the list, or the owner of a Timer of its own in the twin. */
    private static final class Rec extends TimerList.Entry {
        final int id;
        Timer timer;

        Rec(int id) { this.id = id; }
    }

    /**
     * One scenario run twice: records' deadlines in a TimerList in one simulator, a Timer per record in a
     * twin. Plain events and fired deadlines set, move (earlier, later, the same) and cancel deadlines and
     * schedule more plain events, with many ties; every firing's place in the run must match.
     */
    @Test void firesEveryDeadlineWhereATimerSetAtTheSameMomentFires() {
        for (long seed = 1; seed <= 20; seed++) {
            List<String> withList = run(seed, true);
            List<String> withTimers = run(seed, false);
            assertThat(withList).hasSizeGreaterThan(1_000).containsExactlyElementsOf(withTimers);
        }
    }

    @Test void cancellingTheFirstDeadline_firesTheNextAtItsTime_andAnEmptyListLeavesNoEvent() {
        Simulator sim = new Simulator(1);
        List<String> fired = new ArrayList<>();
        TimerList<Rec> list = new TimerList<>(sim, "test", (r, now) -> fired.add(r.id + "@" + now));
        Rec a = new Rec(1), b = new Rec(2);
        list.setDeadline(a, 10);
        list.setDeadline(b, 20);
        list.cancel(a);
        assertThat(a.deadline()).isEqualTo(Timer.NEVER);
        assertThat(list.size()).isEqualTo(1);
        sim.run();
        assertThat(fired).containsExactly("2@20");
        list.setDeadline(a, 30);
        list.setDeadline(a, Timer.NEVER);
        assertThat(sim.pendingEvents()).isZero();
        assertThat(list.size()).isZero();
    }

    @Test void aDeadlineInThePast_firesAtTheCurrentTime() {
        Simulator sim = new Simulator(1);
        List<String> fired = new ArrayList<>();
        TimerList<Rec> list = new TimerList<>(sim, "test", (r, now) -> fired.add(r.id + "@" + now));
        Rec a = new Rec(1);
        sim.at(50, () -> list.setDeadline(a, 10));
        sim.run();
        assertThat(fired).containsExactly("1@50");
    }

    private static List<String> run(long seed, boolean useList) {
        Simulator sim = new Simulator(1);
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ran = new ArrayList<>();
        List<Rec> recs = new ArrayList<>();
        int[] budget = {3_000};
        Runnable[] act = new Runnable[1];
        TimerList<Rec> list = new TimerList<>(sim, "records", (rec, now) -> {
            ran.add("rec " + rec.id + "@" + now);
            act[0].run();
        });
        for (int i = 0; i < 40; i++) {
            Rec rec = new Rec(i);
            if (!useList) rec.timer = sim.newTimer(now -> {
                ran.add("rec " + rec.id + "@" + now);
                act[0].run();
            });
            recs.add(rec);
        }
        act[0] = () -> {
            if (budget[0]-- <= 0) return;
            for (int k = r.nextInt(2, 6); k > 0; k--) {
                Rec rec = recs.get(r.nextInt(recs.size()));
                int op = r.nextInt(10);
                long pending = useList ? rec.deadline() : rec.timer.deadline();
                long at = op == 0 ? Timer.NEVER : op == 1 && pending != Timer.NEVER ? pending
                        : sim.now() + r.nextInt(-2, 6);   // ties, the past, the same deadline again
                if (op == 2) {
                    int id = budget[0];
                    sim.at(sim.now() + r.nextInt(0, 4), () -> { ran.add("event " + id + "@" + sim.now()); act[0].run(); });
                } else if (op == 3) {
                    if (useList) list.cancel(rec);
                    else rec.timer.cancel();
                } else if (useList) {
                    list.setDeadline(rec, at);
                } else {
                    rec.timer.setDeadline(at);
                }
            }
        };
        sim.at(0, act[0]);
        sim.at(0, act[0]);
        sim.run();
        return ran;
    }
}
