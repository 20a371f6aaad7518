package io.wirelab.bench.l2;

import io.wirelab.buffer.Frame;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One broadcast frame (an ARP request's size) flooded by a switch to N ports, each ending at a
 * receiver that counts it: the per-port cost of a flood (link queueing, arrival events, delivery).
 * The score is microseconds per flood; divide by N for the cost per receiving port.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastFloodBench {
    @Param({"100", "1000"})
    public int ports;

    private Simulator sim;
    private Port sender;
    private Frame broadcast;
    private long received;

    @Setup
    public void lab() {
        sim = new Simulator(1);
        LearningSwitch sw = new LearningSwitch(sim, "sw1", ports + 1);
        sender = new Port("h0:eth0", sim);
        Link.connect(sim, sender, sw.port("p1"), LinkParams.DEFAULT);
        for (int i = 1; i <= ports; i++) {
            Port p = new Port("h" + i + ":eth0", sim);
            p.attach((frame, now) -> received++);
            Link.connect(sim, p, sw.port("p" + (i + 1)), LinkParams.DEFAULT);
        }
        byte[] b = new byte[60];
        for (int i = 0; i < 6; i++) b[i] = (byte) 0xff;                        // ff:ff:ff:ff:ff:ff
        b[6] = 0x02; b[11] = 0x01;                                             // 02:00:00:00:00:01
        b[12] = 0x08; b[13] = 0x06;                                            // ARP
        broadcast = new Frame(b);
    }

    @Benchmark
    public long flood() {
        sender.transmit(broadcast);
        sim.run();
        return received;
    }
}
