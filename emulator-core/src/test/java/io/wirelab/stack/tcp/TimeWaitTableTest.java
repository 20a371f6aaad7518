package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The 4-tuple index, slots and handles of TimeWaits. */
class TimeWaitTableTest {
    private final Simulator sim = new Simulator(1);
    private final TcpLayer layer = new TcpLayer(sim, null, sim.random("tcp"), "h");
    private final TimeWaits table = layer.timeWaits();

    private long record(TcpLayer.Key k) {
        return table.add(k, new TimeWaits.Receive(1, 1, 1000, 0, 500), new TimeWaits.Send(1, 1, 0, 1000, 0, 0, 1000),
                new Paws(), false, 0, false, SimTime.seconds(60), SimTime.seconds(60), SimTime.millis(200), -1);
    }

    /**
     * Random adds, replacements and removals over few addresses and ports (long probe runs, removals inside
     * them, freed slots reused) against a HashMap; a record replaced in the index stays in TIME-WAIT.
     */
    @Test void findsWhatAHashMapFinds_throughGrowthAndRemovals() {
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Map<TcpLayer.Key, Long> expected = new HashMap<>();
            List<Long> ended = new ArrayList<>(), replaced = new ArrayList<>();
            List<TcpLayer.Key> keys = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) keys.add(new TcpLayer.Key(r.nextInt(3), 80, r.nextInt(4), r.nextInt(1024, 1400)));
            for (int step = 0; step < 20_000; step++) {
                TcpLayer.Key k = keys.get(r.nextInt(keys.size()));
                if (r.nextInt(3) > 0) {
                    Long old = expected.get(k);
                    if (old != null && r.nextInt(8) == 0) replaced.add(old);
                    else if (old != null) { table.abort(old, sim.now()); ended.add(old); }
                    expected.put(k, record(k));
                } else if (expected.containsKey(k)) {
                    long h = expected.remove(k);
                    table.abort(h, sim.now());
                    ended.add(h);
                }
                TcpLayer.Key probe = keys.get(r.nextInt(keys.size()));
                Long h = expected.get(probe);
                assertThat(table.find(probe)).isEqualTo(h == null ? -1 : TimeWaits.slotOf(h));
            }
            assertThat(table.size()).isEqualTo(expected.size());
            for (TcpLayer.Key k : keys) {
                Long h = expected.get(k);
                assertThat(table.find(k)).isEqualTo(h == null ? -1 : TimeWaits.slotOf(h));
            }
            assertThat(expected.values()).allMatch(table::inTimeWait);
            assertThat(replaced).allMatch(table::inTimeWait);
            assertThat(ended).noneMatch(table::inTimeWait);
            List<TcpSocketInfo> listed = new ArrayList<>();
            table.addSockets(listed, sim.now());
            assertThat(listed).extracting(s -> new TcpLayer.Key(s.localAddress().bits(), s.localPort(), s.remoteAddress().bits(), s.remotePort()))
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (long h : expected.values()) table.abort(h, sim.now());
            for (long h : replaced) table.abort(h, sim.now());
        }
    }

    @Test void removesOnlyTheRecordItIsGiven() {
        TcpLayer.Key k = new TcpLayer.Key(1, 80, 2, 5000);
        long old = record(k), successor = record(k);
        table.abort(old, sim.now());
        assertThat(table.find(k)).isEqualTo(TimeWaits.slotOf(successor));
        assertThat(table.size()).isEqualTo(1);
    }

    @Test void aLayerWithoutRecords_hasNoColumns() {
        assertThat(table.capacity()).isZero();
        assertThat(table.find(new TcpLayer.Key(1, 80, 2, 5000))).isEqualTo(-1);
    }

    /** flat-10k labs have 10,000 layers: one with a record or two holds the columns of as many slots, reused after. */
    @Test void aLayerWithFewRecords_hasAsManySlots() {
        long first = record(new TcpLayer.Key(1, 80, 2, 5000));
        assertThat(table.capacity()).isEqualTo(1);
        record(new TcpLayer.Key(1, 80, 2, 5001));
        assertThat(table.capacity()).isEqualTo(2);
        table.abort(first, sim.now());
        record(new TcpLayer.Key(1, 80, 2, 5002));
        assertThat(table.capacity()).isEqualTo(2);
    }

    /** A freed slot keeps its record's end for a trace asked for later, until a new record takes the slot. */
    @Test void aReusedSlot_isAnotherRecord_andTheEndedOnesEndIsGone() {
        long first = record(new TcpLayer.Key(1, 80, 2, 5000));
        sim.runUntil(SimTime.seconds(1));
        table.abort(first, sim.now());
        TcpTrace before = new TcpTrace();
        table.watch(first, before);
        assertThat(before.states()).containsExactly(
                new TcpTrace.StateChanged(SimTime.seconds(1), TcpState.TIME_WAIT, TcpState.CLOSED, "aborted"));
        long second = record(new TcpLayer.Key(1, 80, 2, 5001));
        assertThat(TimeWaits.slotOf(second)).isEqualTo(TimeWaits.slotOf(first));
        assertThat(table.inTimeWait(first)).isFalse();
        assertThat(table.inTimeWait(second)).isTrue();
        TcpTrace after = new TcpTrace();
        table.watch(first, after);
        assertThat(after.states()).isEmpty();
        table.abort(first, sim.now());
        assertThat(table.inTimeWait(second)).isTrue();
    }

    /** A watching trace hears the end when it comes; its slot no longer refers to it. */
    @Test void aWatchingTrace_hearsTheEndAtItsTime() {
        long h = record(new TcpLayer.Key(1, 80, 2, 5000));
        TcpTrace trace = new TcpTrace();
        table.watch(h, trace);
        assertThat(trace.states()).isEmpty();
        sim.runUntil(SimTime.seconds(61));
        assertThat(trace.states()).containsExactly(
                new TcpTrace.StateChanged(SimTime.seconds(60), TcpState.TIME_WAIT, TcpState.CLOSED, "2MSL expired"));
        assertThat(table.inTimeWait(h)).isFalse();
        assertThat(table.size()).isZero();
    }
}
