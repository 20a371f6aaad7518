package io.wirelab.bench.stack;

import io.wirelab.devices.bulk.TcpBulkSender;
import io.wirelab.devices.bulk.TcpSink;
import io.wirelab.devices.bulk.TransferResult;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.link.Link;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import io.wirelab.wire.ipv4.Ipv4Cidr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The whole stack at work: one 1 MB TCP transfer between two hosts through a switch (ARP,
 * handshake, slow start, delayed ACKs, close), with and without 1% loss. The score is transfers per
 * wall second; divide the transfer's virtual duration by the time per transfer for the
 * simulated-seconds-per-wall-second figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BulkTransferBench {
    @Param({"0", "0.01"})
    public double loss;

    @Benchmark
    public TransferResult transfer1MB() {
        Simulator sim = new Simulator(1);
        LearningSwitch sw = new LearningSwitch(sim, "sw1", 2);
        Host a = new Host(sim, "pc1", "pc");
        Host b = new Host(sim, "srv", "server");
        a.addInterface("eth0", MacAddress.local(1)).configure(Ipv4Cidr.parse("10.0.0.1/24"));
        b.addInterface("eth0", MacAddress.local(2)).configure(Ipv4Cidr.parse("10.0.0.2/24"));
        LinkParams p = LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(SimTime.millis(1)).withLoss(loss);
        Link.connect(sim, a.port("eth0"), sw.port("p1"), p);
        Link.connect(sim, b.port("eth0"), sw.port("p2"), p);
        new TcpSink(b.stack(), 5001, TcpOptions.defaults());
        CompletableFuture<TransferResult> f = TcpBulkSender.send(a.stack(), Ipv4Address.parse("10.0.0.2"), 5001,
                1_000_000, TcpOptions.defaults());
        if (!sim.runUntil(f, SimTime.seconds(600))) throw new IllegalStateException("transfer did not finish");
        return f.join();
    }
}
