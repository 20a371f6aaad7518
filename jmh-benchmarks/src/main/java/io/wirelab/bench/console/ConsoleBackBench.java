package io.wirelab.bench.console;

import io.wirelab.console.Console;
import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The console's :back at tcp-bulk's midpoint (docs/dsl.md, "Replay cost"): the lab's 10 MB transfer
 * stepped in :sim through 11,136 of its 22,272 frame events, then each invocation goes back one event
 * (a replay from the lab's start: the lab rebuilt, the three inputs compiled and run again, 11,135
 * events with both capture files written, nothing printed) and steps one forward again. Run:
 * {@code java -jar jmh-benchmarks/target/benchmarks.jar ConsoleBackBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ConsoleBackBench {
    static final int MIDPOINT = 11_136;

    private Path out;
    private Console console;

    @Setup(Level.Trial)
    public void stepToTheMidpoint() throws IOException {
        out = Files.createTempDirectory("wirelab-back-bench");
        console = new Console(() -> {
            try {
                return LabBuilder.build(BuiltinLabs.builtin("tcp-bulk"), LabBuilder.Options.to(out));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, out, new PrintWriter(Writer.nullWriter()));
        for (String input : List.of("srv.tcpSink(5001)", ":sim", "pc1.tcpSend('srv', 5001, 10.MB)", ":next " + MIDPOINT)) console.handle(input);
        if (console.failures() > 0) throw new IllegalStateException("the session failed before :back");
    }

    @Benchmark
    public long backOneEvent() {
        console.handle(":back 1");
        console.handle(":next 1");
        return console.lab().simulator().eventsExecuted();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        console.close();
        try (Stream<Path> files = Files.walk(out)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
