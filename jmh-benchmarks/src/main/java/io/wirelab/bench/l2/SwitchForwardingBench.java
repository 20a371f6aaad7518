package io.wirelab.bench.l2;

import io.wirelab.buffer.Frame;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.Simulator;
import io.wirelab.wire.ethernet.MacAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Frames per second through a LearningSwitch whose table already knows every station: host port
 * -> link -> switch lookup -> link -> host port, with instantaneous links so only the simulator,
 * the links and the switch are measured. Hosts pair up (h1 <-> h2, h3 <-> h4, ...).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SwitchForwardingBench {
    private static final int BATCH = 1024;

    @Param({"4", "48"})
    public int ports;

    private Simulator sim;
    private Port[] hosts;
    private Frame[] frames;
    private long delivered;

    @Setup
    public void setup() {
        sim = new Simulator(1);
        LearningSwitch sw = new LearningSwitch(sim, "sw1", ports);
        hosts = new Port[ports];
        frames = new Frame[ports];
        for (int i = 0; i < ports; i++) {
            hosts[i] = new Port("h" + (i + 1) + ":eth0", sim);
            hosts[i].attach((f, now) -> delivered++);
            Link.connect(sim, hosts[i], sw.ports().get(i), LinkParams.DEFAULT.withBandwidth(0));
        }
        for (int i = 0; i < ports; i++) {
            byte[] b = new byte[60];
            MacAddress.local((i ^ 1) + 1).write(b, 0);
            MacAddress.local(i + 1).write(b, 6);
            b[12] = (byte) 0x88;
            b[13] = (byte) 0xb5;
            frames[i] = new Frame(b);
            hosts[i].transmit(frames[i]);                              // learning round
        }
        sim.run();
        if (sw.macTable().size() != ports) throw new IllegalStateException("table not learned");
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long forwardKnownUnicast() {
        for (int i = 0; i < BATCH; i++) {
            int h = i % ports;
            hosts[h].transmit(frames[h]);
        }
        sim.run();
        return delivered;
    }
}
