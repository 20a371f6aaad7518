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

class TimeWaitTableTest {
    private final Simulator sim = new Simulator(1);
    private final TcpLayer layer = new TcpLayer(sim, null, sim.random("tcp"), "h");

    private TimeWait record(TcpLayer.Key k) {
        return new TimeWait(layer, k, new TimeWait.Receive(1, 1, 1000, 0, 500), new TimeWait.Send(1, 1, 0, 1000, 0, 0, 1000),
                new Paws(), false, false, SimTime.seconds(60), SimTime.seconds(60), SimTime.millis(200), -1);
    }

    /** Random adds and removes over few addresses and ports (long probe runs, removals inside them) against a HashMap. */
    @Test void findsWhatAHashMapFinds_throughGrowthAndRemovals() {
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            TimeWaitTable table = new TimeWaitTable();
            Map<TcpLayer.Key, TimeWait> expected = new HashMap<>();
            List<TcpLayer.Key> keys = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) keys.add(new TcpLayer.Key(r.nextInt(3), 80, r.nextInt(4), r.nextInt(1024, 1400)));
            for (int step = 0; step < 20_000; step++) {
                TcpLayer.Key k = keys.get(r.nextInt(keys.size()));
                if (r.nextInt(3) > 0) {
                    TimeWait tw = record(k);
                    table.put(tw);
                    expected.put(k, tw);
                } else if (expected.containsKey(k)) {
                    table.remove(expected.remove(k));
                }
                TcpLayer.Key probe = keys.get(r.nextInt(keys.size()));
                assertThat(table.get(probe)).isSameAs(expected.get(probe));
            }
            assertThat(table.size()).isEqualTo(expected.size());
            assertThat(table.all()).containsExactlyInAnyOrderElementsOf(expected.values());
            for (TcpLayer.Key k : keys) assertThat(table.get(k)).isSameAs(expected.get(k));
        }
    }

    @Test void removesOnlyTheRecordItIsGiven() {
        TimeWaitTable table = new TimeWaitTable();
        TcpLayer.Key k = new TcpLayer.Key(1, 80, 2, 5000);
        TimeWait old = record(k), successor = record(k);
        table.put(old);
        table.put(successor);
        table.remove(old);
        assertThat(table.get(k)).isSameAs(successor);
        assertThat(table.size()).isEqualTo(1);
    }
}
