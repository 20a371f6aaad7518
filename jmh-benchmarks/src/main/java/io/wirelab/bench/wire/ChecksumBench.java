package io.wirelab.bench.wire;

import io.wirelab.wire.Checksum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** RFC 1071 checksum over a minimum frame, a full Ethernet MTU and a jumbo frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChecksumBench {
    @Param({"64", "1500", "9000"})
    public int size;

    private byte[] data;

    @Setup
    public void setup() {
        data = new byte[size];
        new SplittableRandom(1071).nextBytes(data);
    }

    @Benchmark
    public int fold() { return Checksum.fold(data, 0, data.length); }

    /** The TCP/UDP case: pseudo-header sum plus the segment. */
    @Benchmark
    public int withPseudoHeader() {
        return Checksum.finish(Checksum.add(Checksum.pseudoHeader(0x0a000001, 0x0a000002, 6, data.length), data, 0, data.length));
    }
}
