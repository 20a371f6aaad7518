package io.wirelab.bench.stack;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * BulkTransferBench's operation (one 1 MB transfer, lab set-up included, loss 0) timed by the
 * thread's CPU time instead of the wall clock: on a shared machine the load moves the wall score
 * by an order of magnitude but this one far less. Runs WARMUP operations, then prints transfers per
 * CPU second for each of ROUNDS rounds of PER_ROUND operations (8 Mbit each: 1,250 per CPU second
 * is 10 Gbit/s of goodput per core).
 *
 * <pre>
 * java -cp benchmarks.jar io.wirelab.bench.stack.BulkTransferCpu 1500 5 300
 * </pre>
 */
public final class BulkTransferCpu {
    private BulkTransferCpu() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        BulkTransferBench bench = new BulkTransferBench();
        bench.loss = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) bench.transfer1MB();
        StringBuilder out = new StringBuilder("transfers per CPU second:");
        for (int r = 0; r < rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) bench.transfer1MB();
            double seconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            out.append(String.format(Locale.ROOT, " %.0f", perRound / seconds));
        }
        System.out.println(out);
    }
}
