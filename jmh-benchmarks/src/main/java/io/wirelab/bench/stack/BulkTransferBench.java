package io.wirelab.bench.stack;

import io.wirelab.devices.bulk.TcpBulkSender;
import io.wirelab.devices.bulk.TcpSink;
import io.wirelab.devices.bulk.TransferResult;
import io.wirelab.link.LinkParams;
import io.wirelab.sim.SimTime;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ipv4.Ipv4Address;
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
        var lab = TwoHostsOnASwitch.build(LinkParams.DEFAULT.withBandwidth(100_000_000L).withDelay(SimTime.millis(1)).withLoss(loss));
        new TcpSink(lab.srv().stack(), 5001, TcpOptions.defaults());
        CompletableFuture<TransferResult> f = TcpBulkSender.send(lab.pc1().stack(), Ipv4Address.parse("10.0.0.2"), 5001,
                1_000_000, TcpOptions.defaults());
        if (!lab.sim().runUntil(f, SimTime.seconds(600))) throw new IllegalStateException("transfer did not finish");
        return f.join();
    }
}
