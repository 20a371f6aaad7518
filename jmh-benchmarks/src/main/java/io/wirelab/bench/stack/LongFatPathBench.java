package io.wirelab.bench.stack;

import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.link.Port;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.NetworkStack;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.stack.tcp.TcpProfile;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Issue 11's long fat path (TcpLongFatPathTest): one flow over 1 Gbit/s with 25 ms each way and a
 * drop-tail queue of one bandwidth-delay product. Setup runs the flow for 2 simulated seconds (slow
 * start and its losses); each invocation then simulates one more second of steady state, so the score
 * is wall seconds per simulated second with thousands of segments in flight.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LongFatPathBench {
    static final long LINK = 1_000_000_000L;
    static final long ONE_WAY = SimTime.millis(25);
    static final int BDP_FRAMES = (int) (LINK / 8 * 2 * ONE_WAY / SimTime.SECOND / (1514 + LinkParams.WIRE_OVERHEAD_BYTES));

    /** linux: profile linux with its own buffer limits; linux16: with 16 MiB maxima; textbook16: profile textbook, 16 MiB buffers. */
    @Param({"linux", "linux16", "textbook16"})
    public String flow;

    private Simulator sim;
    private long received;

    @Setup(Level.Trial)
    public void start() {
        int mib16 = 16 << 20;
        TcpOptions o = switch (flow) {
            case "linux" -> TcpProfile.LINUX.options();
            case "linux16" -> TcpProfile.LINUX.options().toBuilder().receiveBufferMax(mib16).sendBufferMax(mib16).build();
            case "textbook16" -> TcpProfile.TEXTBOOK.options().withSendBuffer(mib16).withReceiveBuffer(mib16);
            default -> throw new IllegalArgumentException(flow);
        };
        sim = new Simulator(1);
        Port pa = new Port("a:eth0", sim), pb = new Port("b:eth0", sim);
        Link.connect(sim, pa, pb, LinkParams.DEFAULT.withBandwidth(LINK).withDelay(ONE_WAY).withQueueFrames(BDP_FRAMES));
        NetworkStack a = new NetworkStack(sim, "a"), b = new NetworkStack(sim, "b");
        a.addInterface("eth0", pa, MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        b.addInterface("eth0", pb, MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        b.tcp().listen(5001, o, 4, s -> {
            byte[] buf = new byte[1 << 16];
            s.onReadable(() -> { int n; while ((n = s.read(buf, 0, buf.length)) > 0) received += n; });
        });
        byte[] chunk = new byte[1 << 16];
        a.tcp().connect(Ipv4Address.parse("10.0.0.2"), 5001, o).thenAccept(s -> {
            Runnable pump = () -> { while (s.write(chunk, 0, chunk.length) > 0) { } };
            s.onWritable(pump);
            pump.run();
        });
        sim.runUntil(SimTime.seconds(2));
    }

    @Benchmark
    public long oneSimulatedSecond() {
        sim.runUntil(sim.now() + SimTime.SECOND);
        return received;
    }
}
