package io.wirelab.bench.startup;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.sim.SimTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lab start in a fresh JVM, as a user sees it: read the built-in tcp-bulk lab (YAML, checks), build
 * it without captures and run its first virtual second (ARP, nothing scripted). One shot per fork, so
 * every sample pays class loading, linking and a cold JIT; once without and once with the AOT cache
 * that {@link #main} trains (the cache must be made with the same class path as the forks:
 * {@code java -XX:AOTCacheOutput=jmh-benchmarks/target/labstart.aot -cp jmh-benchmarks/target/benchmarks.jar
 * io.wirelab.bench.startup.LabStartBench}, then {@code java -jar jmh-benchmarks/target/benchmarks.jar LabStartBench}
 * from the same directory). A missing or stale cache makes both scores equal, never an error.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class LabStartBench {
    static final String LAB = "tcp-bulk";

    @Benchmark
    @Fork(value = 10, jvmArgsAppend = {"-XX:AOTMode=off", "-XX:+UseSerialGC"})
    public long withoutAotCache() throws LabFileException { return startLab(); }

    @Benchmark
    @Fork(value = 10, jvmArgsAppend = {"-XX:AOTCache=jmh-benchmarks/target/labstart.aot", "-Xlog:aot*=off,cds*=off", "-XX:+UseSerialGC"})
    public long withAotCache() throws LabFileException { return startLab(); }

    static long startLab() throws LabFileException {
        LabSpec spec = BuiltinLabs.builtin(LAB);
        try (Lab lab = LabBuilder.build(spec, LabBuilder.Options.withoutCaptures())) {
            lab.run(SimTime.seconds(1));
            return lab.simulator().eventsExecuted();
        }
    }

    /** The AOT training run: the benchmark's work, a few times over. */
    public static void main(String[] args) throws LabFileException {
        for (int i = 0; i < 20; i++) startLab();
    }
}
