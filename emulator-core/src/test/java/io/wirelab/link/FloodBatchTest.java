package io.wirelab.link;

import io.wirelab.buffer.Frame;
import io.wirelab.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FloodBatchTest {
    private final Simulator sim = new Simulator(1);
    private final List<String> arrivals = new ArrayList<>();

    /** n links out of a sender's ports; link i has delay delays[i] us; receivers log "name@time". */
    private Port[] senders(long... delaysMicros) {
        Port[] out = new Port[delaysMicros.length];
        for (int i = 0; i < delaysMicros.length; i++) {
            out[i] = new Port("sw1:p" + (i + 1), sim);
            Port host = new Port("h" + (i + 1) + ":eth0", sim);
            host.attach((f, now) -> arrivals.add(host.deviceName() + "@" + now / 1000));
            Link.connect(sim, out[i], host, LinkParams.DEFAULT.withBandwidth(0).withDelay(delaysMicros[i] * 1000));
        }
        return out;
    }

    private static Frame frame() { return new Frame(new byte[60]); }

    @Test
    void equalArrivalTimes_oneEvent_deliveredInSendOrder() {
        Port[] ports = senders(5, 5, 5, 5);
        FloodBatch batch = new FloodBatch(sim, "sw1: flood arrival");
        batch.open();
        Frame f = frame();
        for (Port p : ports) assertThat(p.transmit(f, batch)).isTrue();
        batch.schedule();
        assertThat(sim.pendingEvents()).isEqualTo(1);
        sim.run();
        assertThat(arrivals).containsExactly("h1@5", "h2@5", "h3@5", "h4@5");
        assertThat(sim.eventsExecuted()).isEqualTo(1);
    }

    @Test
    void differentArrivalTimes_oneEventPerTime_sameOrderAsOneEventEach() {
        Port[] ports = senders(7, 3, 7, 3, 1);
        FloodBatch batch = new FloodBatch(sim, "sw1: flood arrival");
        batch.open();
        for (Port p : ports) p.transmit(frame(), batch);
        batch.schedule();
        assertThat(sim.pendingEvents()).isEqualTo(3);
        sim.run();
        assertThat(arrivals).containsExactly("h5@1", "h2@3", "h4@3", "h1@7", "h3@7");

        List<String> single = new ArrayList<>(arrivals);
        arrivals.clear();
        Simulator other = new Simulator(1);
        long[] delays = {7, 3, 7, 3, 1};
        for (int i = 0; i < delays.length; i++) {
            Port from = new Port("x:p" + (i + 1), other);
            Port host = new Port("h" + (i + 1) + ":eth0", other);
            host.attach((f, now) -> arrivals.add(host.deviceName() + "@" + now / 1000));
            Link.connect(other, from, host, LinkParams.DEFAULT.withBandwidth(0).withDelay(delays[i] * 1000));
            from.transmit(frame());
        }
        other.run();
        assertThat(arrivals).isEqualTo(single);
    }

    @Test
    void sendOnClosedBatch_refused() {
        Port[] ports = senders(1);
        FloodBatch batch = new FloodBatch(sim, "sw1: flood arrival");
        assertThatThrownBy(() -> ports[0].transmit(frame(), batch)).isInstanceOf(IllegalStateException.class);
        batch.open();
        assertThatThrownBy(batch::open).isInstanceOf(IllegalStateException.class);
    }
}
