package io.wirelab.bench.stack;

import io.wirelab.devices.bulk.TcpBulkSender;
import io.wirelab.devices.bulk.TcpSink;
import io.wirelab.devices.bulk.TransferResult;
import io.wirelab.devices.host.Host;
import io.wirelab.link.LinkParams;
import io.wirelab.pcap.Capture;
import io.wirelab.pcap.CaptureFiles;
import io.wirelab.sim.SimTime;
import io.wirelab.sim.Simulator;
import io.wirelab.stack.tcp.TcpCongestion;
import io.wirelab.stack.tcp.TcpOptions;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Issue 16's bulk scenario, as ns-3 ran it: two hosts through a switch, 1 Gbit/s links with 0.1 ms
 * delay and 100-frame drop-tail queues, NewReno, MSS 1460, IW10; one transfer of SIZE_MB megabytes.
 * Each run builds a new lab and prints the wall time and the thread's CPU time of the simulation
 * alone (sim.runUntil, set-up excluded), the whole process's CPU time meanwhile (JIT and GC threads
 * included), the events run and the bytes the simulation allocated. The first run of a fresh JVM is
 * the cold figure. With DIR, both hosts' ports are captured as a lab captures them (LabBuilder: one
 * pcapng per port through a CaptureFiles, the lab's section comment), and closing the captures (the
 * last write) counts in the run; opening them (replacing the last run's files) is part of the set-up,
 * printed apart.
 *
 * <pre>
 * java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp benchmarks.jar io.wirelab.bench.stack.BulkTransferRun 100 1
 * java -cp benchmarks.jar io.wirelab.bench.stack.BulkTransferRun 100 5 /tmp/caps   # captures of both hosts
 * </pre>
 */
public final class BulkTransferRun {
    private BulkTransferRun() {}

    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path captureDir = args.length > 2 ? Path.of(args[2]) : null;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= runs; run++) {
            var lab = TwoHostsOnASwitch.build(LinkParams.DEFAULT.toBuilder().bandwidth(1_000_000_000L).delay(SimTime.micros(100))
                    .queueFrames(100).build());
            Simulator sim = lab.sim();
            Host a = lab.pc1(), b = lab.srv();
            List<Capture> captures = new ArrayList<>();
            long opening = System.nanoTime();
            if (captureDir != null) {
                CaptureFiles files = new CaptureFiles(CaptureFiles.DEFAULT_LIMIT);
                for (Host h : List.of(a, b)) captures.add(Capture.ofPort(captureDir, h.port("eth0"), "wirelab lab tcp-bulk, seed 1", files));
            }
            opening = System.nanoTime() - opening;
            TcpOptions tcp = TcpOptions.defaults().toBuilder().congestion(TcpCongestion.NEWRENO)
                    .mss(1460).initialWindowSegments(10).build();
            new TcpSink(b.stack(), 5001, tcp);
            CompletableFuture<TransferResult> f = TcpBulkSender.send(a.stack(), Ipv4Address.parse("10.0.0.2"), 5001,
                    megabytes * 1_000_000, tcp);
            long allocated0 = threads.getCurrentThreadAllocatedBytes();
            long cpu0 = threads.getCurrentThreadCpuTime(), process0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
            if (!sim.runUntil(f, SimTime.seconds(3600))) throw new IllegalStateException("transfer did not finish");
            for (Capture c : captures) c.close();
            long wall = System.nanoTime() - wall0, cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long process = os.getProcessCpuTime() - process0;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
            TransferResult r = f.join();
            System.out.printf(Locale.ROOT, "run %d: %d MB in %.3f s virtual (%.2f Gbit/s): wall %.3f s, simulation thread CPU %.3f s,"
                            + " process CPU %.3f s, %,d events, %.2f Gbit/s simulated per CPU second, %,d bytes allocated%n",
                    run, megabytes, r.durationNanos() / 1e9, r.goodputBitsPerSecond() / 1e9, wall / 1e9, cpu / 1e9,
                    process / 1e9, sim.eventsExecuted(), r.bytes() * 8 / (cpu / 1e9) / 1e9, allocated);
            if (captureDir != null) System.out.printf(Locale.ROOT, "run %d: captures opened (set-up, not in the run) in %.1f ms%n", run, opening / 1e6);
        }
    }
}
