package io.wirelab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SlotTimersTest {
    /**
     * One scenario run twice: slots' deadlines in SlotTimers in one simulator, a Timer per slot in a twin.
     * Plain events and fired deadlines set, move (earlier, later, the same) and cancel deadlines, schedule
     * more plain events and add slots (growing the arrays under pending deadlines), with many ties; every
     * firing's place in the run must match.
     */
    @Test void firesEveryDeadlineWhereATimerSetAtTheSameMomentFires() {
        for (long seed = 1; seed <= 20; seed++) {
            List<String> withSlots = run(seed, true);
            List<String> withTimers = run(seed, false);
            assertThat(withSlots).hasSizeGreaterThan(1_000).containsExactlyElementsOf(withTimers);
        }
    }

    @Test void cancellingTheFirstDeadline_firesTheNextAtItsTime_andAnEmptyListLeavesNoEvent() {
        Simulator sim = new Simulator(1);
        List<String> fired = new ArrayList<>();
        SlotTimers timers = new SlotTimers(sim, "test", 4, (slot, now) -> fired.add(slot + "@" + now));
        timers.setDeadline(1, 10);
        timers.setDeadline(2, 20);
        timers.cancel(1);
        assertThat(timers.deadline(1)).isEqualTo(Timer.NEVER);
        assertThat(timers.size()).isEqualTo(1);
        sim.run();
        assertThat(fired).containsExactly("2@20");
        timers.setDeadline(1, 30);
        timers.setDeadline(1, Timer.NEVER);
        assertThat(sim.pendingEvents()).isZero();
        assertThat(timers.size()).isZero();
    }

    @Test void aDeadlineInThePast_firesAtTheCurrentTime() {
        Simulator sim = new Simulator(1);
        List<String> fired = new ArrayList<>();
        SlotTimers timers = new SlotTimers(sim, "test", 1, (slot, now) -> fired.add(slot + "@" + now));
        sim.at(50, () -> timers.setDeadline(0, 10));
        sim.run();
        assertThat(fired).containsExactly("0@50");
    }

    private static List<String> run(long seed, boolean useSlots) {
        Simulator sim = new Simulator(1);
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ran = new ArrayList<>();
        List<Timer> twins = new ArrayList<>();
        int[] budget = {3_000};
        int[] slots = {0};
        Runnable[] act = new Runnable[1];
        SlotTimers timers = new SlotTimers(sim, "slots", 0, (slot, now) -> {
            ran.add("slot " + slot + "@" + now);
            act[0].run();
        });
        Runnable addSlot = () -> {
            int slot = slots[0]++;
            if (useSlots) timers.grow(slots[0]);
            else twins.add(sim.newTimer(now -> {
                ran.add("slot " + slot + "@" + now);
                act[0].run();
            }));
        };
        for (int i = 0; i < 5; i++) addSlot.run();
        act[0] = () -> {
            if (budget[0]-- <= 0) return;
            for (int k = r.nextInt(2, 6); k > 0; k--) {
                int slot = r.nextInt(slots[0]);
                int op = r.nextInt(12);
                long pending = useSlots ? timers.deadline(slot) : twins.get(slot).deadline();
                long at = op == 0 ? Timer.NEVER : op == 1 && pending != Timer.NEVER ? pending
                        : sim.now() + r.nextInt(-2, 6);   // ties, the past, the same deadline again
                if (op == 2) {
                    int id = budget[0];
                    sim.at(sim.now() + r.nextInt(0, 4), () -> { ran.add("event " + id + "@" + sim.now()); act[0].run(); });
                } else if (op == 3) {
                    if (useSlots) timers.cancel(slot);
                    else twins.get(slot).cancel();
                } else if (op == 4 && slots[0] < 40) {
                    addSlot.run();
                } else if (useSlots) {
                    timers.setDeadline(slot, at);
                } else {
                    twins.get(slot).setDeadline(at);
                }
            }
        };
        sim.at(0, act[0]);
        sim.at(0, act[0]);
        sim.run();
        return ran;
    }
}
