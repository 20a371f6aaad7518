package io.wirelab.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class RealTimeTest {
    /** A wall clock that jumps forward when parked; scripted arrivals post work at given wall times. */
    static final class ManualClock implements WallClock {
        long now = 1_000_000_000L;
        final TreeMap<Long, Runnable> arrivals = new TreeMap<>();
        final List<Long> parks = new ArrayList<>();
        /** How much later than asked a park ends (a thread that waits for a core when its timeout passes). */
        long oversleep;

        @Override public long nanoTime() { return now; }
        @Override public void parkNanos(long nanos) {
            parks.add(nanos);
            long wakeAt = now + nanos + oversleep;
            var next = arrivals.firstEntry();
            if (next != null && next.getKey() <= wakeAt) {
                now = next.getKey();
                arrivals.pollFirstEntry().getValue().run();
            } else {
                now = wakeAt;
            }
        }
        @Override public void unpark(Thread thread) {}
    }

    @Test void eventsRunWhenTheWallClockReachesTheirVirtualTime() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        sim.enableRealTime(clock);
        long start = clock.now;
        List<Long> wallAtRun = new ArrayList<>();
        sim.at(SimTime.millis(5), () -> wallAtRun.add(clock.now - start));
        sim.at(SimTime.millis(20), () -> wallAtRun.add(clock.now - start));
        assertThat(sim.runUntil(SimTime.millis(50))).isTrue();
        assertThat(wallAtRun).containsExactly(SimTime.millis(5), SimTime.millis(20));
        assertThat(sim.now()).isEqualTo(SimTime.millis(50));
        assertThat(clock.now - start).isEqualTo(SimTime.millis(50));   // waited out the rest of the run on the wall clock
    }

    @Test void postedWorkRunsAtTheVirtualTimeOfItsArrival() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        long start = clock.now;
        List<String> log = new ArrayList<>();
        sim.at(SimTime.millis(30), () -> log.add("timer@" + sim.now()));
        clock.arrivals.put(start + SimTime.millis(12), () -> rt.post(() -> log.add("frame@" + sim.now())));
        sim.runUntil(SimTime.millis(40));
        assertThat(log).containsExactly("frame@" + SimTime.millis(12), "timer@" + SimTime.millis(30));
        assertThat(rt.postedActions()).isEqualTo(1);
    }

    @Test void workPostedBeforeTheFirstRunRunsAtTheCurrentTime() {
        Simulator sim = new Simulator(1);
        sim.runUntil(SimTime.seconds(2));                 // virtual time first
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        List<Long> at = new ArrayList<>();
        rt.post(() -> at.add(sim.now()));
        clock.now += SimTime.seconds(7);                  // the lab sat idle before running
        sim.runUntil(SimTime.seconds(3));
        assertThat(at).containsExactly(SimTime.seconds(2));
        assertThat(sim.now()).isEqualTo(SimTime.seconds(3));
    }

    @Test void conditionRunEndsAtTheEventThatSatisfiesIt() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        long start = clock.now;
        boolean[] done = {false};
        clock.arrivals.put(start + SimTime.millis(250), () -> rt.post(() -> done[0] = true));
        assertThat(sim.runUntil(() -> done[0], SimTime.seconds(10))).isTrue();
        assertThat(sim.now()).isEqualTo(SimTime.millis(250));
        assertThat(clock.parks).allMatch(p -> p <= RealTime.MAX_PARK_NANOS);
    }

    @Test void conditionRunTimesOutOnTheWallClockWhenNothingHappens() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        sim.enableRealTime(clock);
        long start = clock.now;
        assertThat(sim.runUntil(() -> false, SimTime.seconds(1))).isFalse();
        assertThat(sim.now()).isEqualTo(SimTime.seconds(1));
        assertThat(clock.now - start).isEqualTo(SimTime.seconds(1));
    }

    @Test void aStopRequestedWhileWaitingEndsTheRun() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        sim.enableRealTime(clock);
        clock.arrivals.put(clock.now + SimTime.millis(300), sim::requestStop);
        assertThat(sim.runUntil(SimTime.seconds(60))).isFalse();
        assertThat(sim.now()).isLessThan(SimTime.seconds(1));
    }

    @Test void aLateSimulatorRunsOverdueEventsAtOnceInOrder() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        List<Long> order = new ArrayList<>();
        sim.at(SimTime.millis(1), () -> { order.add(sim.now()); clock.now += SimTime.millis(10); });   // a slow event
        sim.at(SimTime.millis(2), () -> order.add(sim.now()));
        sim.at(SimTime.millis(3), () -> order.add(sim.now()));
        sim.runUntil(SimTime.millis(20));
        assertThat(order).containsExactly(SimTime.millis(1), SimTime.millis(2), SimTime.millis(3));
        assertThat(rt.maxLatenessNanos()).isEqualTo(SimTime.millis(9));
    }

    @Test void theWorstStretchesBehindNameTheirLatestEventAndWhenItRan() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        long start = clock.now;
        // a stretch whose latest event runs 2 ms late, caught up, then one of three events whose latest runs 6 ms late
        sim.at(SimTime.millis(1), () -> clock.now += SimTime.millis(3));
        sim.at(SimTime.millis(2), "first-late", () -> {});
        sim.at(SimTime.millis(10), () -> clock.now += SimTime.millis(5));
        sim.at(SimTime.millis(11), () -> clock.now += SimTime.millis(3));
        sim.at(SimTime.millis(12), "second-late", () -> {});
        sim.at(SimTime.millis(30), () -> {});
        sim.runUntil(SimTime.millis(40));
        assertThat(rt.maxLatenessNanos()).isEqualTo(SimTime.millis(6));
        List<LateStretches.Stretch> worst = rt.worstStretches();
        assertThat(worst).extracting(LateStretches.Stretch::event).startsWith("second-late", "first-late");
        // the second stretch: its first event on time at 10 ms, caught up at 18 ms; CPU and collections not measured
        assertThat(worst.get(0)).isEqualTo(new LateStretches.Stretch(SimTime.millis(6), SimTime.millis(12), start + SimTime.millis(18),
                "second-late", 3, 0, SimTime.millis(8), -1, -1));
        assertThat(worst.get(1)).isEqualTo(new LateStretches.Stretch(SimTime.millis(2), SimTime.millis(2), start + SimTime.millis(4),
                "first-late", 2, 0, SimTime.millis(3), -1, -1));
        assertThat(worst.get(0).measured()).isFalse();
    }

    @Test void aMeasuredStretchSaysHowMuchOfItWasOnTheCpuHowLateItBeganAndWhichCollectionsFellInIt() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        long[] cpu = {5_000};
        long[] collections = {7};
        rt.measureStretches(() -> cpu[0], () -> collections[0]);
        clock.oversleep = SimTime.millis(1);
        long start = clock.now;
        // the loop wakes 1 ms late for the event at 1 ms; of the 6 ms the stretch then takes, 1.5 ms on the CPU and one pause
        sim.at(SimTime.millis(1), () -> clock.now += SimTime.millis(2));
        sim.at(SimTime.millis(2), () -> {
            clock.now += SimTime.millis(4);
            cpu[0] += SimTime.micros(1_500);
            collections[0]++;
        });
        sim.at(SimTime.millis(3), "latest", () -> {});
        // a collection while the loop waits for the event at 30 ms, which it then runs 1 ms late: the collection is that stretch's
        clock.arrivals.put(start + SimTime.millis(20), () -> collections[0]++);
        sim.at(SimTime.millis(30), "after-a-pause", () -> {});
        sim.runUntil(SimTime.millis(40));
        List<LateStretches.Stretch> stretches = rt.worstStretches();
        LateStretches.Stretch worst = stretches.getFirst();
        assertThat(worst.measured()).isTrue();
        assertThat(worst).isEqualTo(new LateStretches.Stretch(SimTime.millis(5), SimTime.millis(3), start + SimTime.millis(8),
                "latest", 3, SimTime.millis(1), SimTime.millis(6), SimTime.micros(1_500), 1));
        assertThat(stretches.get(1)).isEqualTo(new LateStretches.Stretch(SimTime.millis(1), SimTime.millis(30), start + SimTime.millis(31),
                "after-a-pause", 1, SimTime.millis(1), 0, 0, 1));
    }

    /** An outside that records how it was served; await jumps the manual clock like a park. */
    static class RecordingOutside implements RealTime.Outside {
        final ManualClock clock;
        final List<String> calls = new ArrayList<>();
        int wakes;

        RecordingOutside(ManualClock clock) { this.clock = clock; }

        @Override public void flush() { calls.add("flush"); }
        @Override public void exchange() { calls.add("exchange@" + (clock.now - 1_000_000_000L)); }
        @Override public void await(long nanos) {
            calls.add("await " + nanos);
            clock.now += nanos;
        }
        @Override public void wake() { wakes++; }
    }

    @Test void anOutsideIsAwaitedInsteadOfParkingAndServedBetweenDueEventsAtMostEveryMillisecond() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        RecordingOutside outside = new RecordingOutside(clock);
        rt.serve(outside);
        sim.at(SimTime.millis(2), () -> clock.now += SimTime.millis(3));      // a slow event: the next ones are due at once
        for (int i = 0; i < 6; i++) sim.at(SimTime.millis(2) + 1 + i, () -> clock.now += SimTime.micros(400));
        sim.runUntil(SimTime.millis(10));
        assertThat(outside.calls).containsExactly(
                "flush", "await " + SimTime.millis(2),
                "exchange@" + SimTime.millis(2),
                "exchange@" + SimTime.millis(5),
                "exchange@" + (SimTime.millis(5) + SimTime.micros(1200)),
                "flush", "await " + (SimTime.millis(10) - SimTime.millis(5) - SimTime.micros(2400)), "flush");
        assertThat(clock.parks).isEmpty();
        assertThat(rt.isBehind()).isFalse();
    }

    @Test void postingWakesTheOutsideTheSimulatorWaitsOn() {
        Simulator sim = new Simulator(1);
        ManualClock clock = new ManualClock();
        RealTime rt = sim.enableRealTime(clock);
        RecordingOutside outside = new RecordingOutside(clock) {
            @Override public void await(long nanos) {
                super.await(nanos);
                if (wakes == 0) rt.post(() -> {});
            }
        };
        rt.serve(outside);
        rt.post(() -> {});                      // no run: nothing waits, nothing to wake
        assertThat(outside.wakes).isZero();
        sim.runUntil(SimTime.millis(300));
        assertThat(outside.wakes).isEqualTo(1);
        assertThat(rt.postedActions()).isEqualTo(2);
    }

    @Test void virtualModeIsTheDefaultAndNeverWaits() {
        Simulator sim = new Simulator(1);
        assertThat(sim.isRealTime()).isFalse();
        assertThat(sim.realTime()).isNull();
        sim.at(SimTime.seconds(3600), () -> {});
        long before = System.nanoTime();
        sim.run();
        assertThat(sim.now()).isEqualTo(SimTime.seconds(3600));
        assertThat(System.nanoTime() - before).isLessThan(SimTime.seconds(60));
    }
}
