package io.wirelab.grade;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one lab in-process as `wirelab run` would, for the batch commands (grade, sweep run): its script
 * (already checked by the caller) under the given trust, or 10 s of virtual time without one, bounded
 * by a wall-clock timeout, captures to outDir. Never throws for what the lab or script does: the
 * result says how the run ended. Each call has its own lab, engine and watchdog thread.
 */
public final class LabRunner {
    /** Virtual time a lab without a script runs, as `wirelab run` does. */
    static final long RUN_WITHOUT_SCRIPT_NANOS = 10_000_000_000L;
    /** Script output kept in the result. */
    static final int MAX_OUTPUT_CHARS = 64 * 1024;

    private LabRunner() {}

    public static FinishedRun run(LabSpec spec, ScriptSource script, Path outDir, Duration timeout, GroovyEngine.Trust trust) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            return FinishedRun.notRun(ScriptRunner.FAILED, "cannot create " + outDir + ": " + e.getMessage());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream(), errors = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8), err = new PrintStream(errors, true, StandardCharsets.UTF_8);
        Lab lab;
        try {
            lab = new LabBuilder(new StandardServices()).buildLab(spec, LabBuilder.Options.to(outDir));
        } catch (RuntimeException e) {
            return FinishedRun.notRun(ScriptRunner.FAILED, "cannot start the lab: " + e.getMessage());
        }
        GroovyEngine engine = new GroovyEngine(GroovyEngine.Mode.SCRIPT);
        int exit;
        String summary;
        try (Watchdog dog = new Watchdog(engine, lab, timeout)) {
            try {
                if (script != null) {
                    exit = new ScriptRunner(out, err).run(engine, lab, script, trust, dog::reason);
                    if (exit == ScriptRunner.INTERRUPTED) summary = dog.fired() ? "stopped: " + dog.reason() : "interrupted";
                    else summary = exit == 0 ? "the script ran to its end" : "the script failed: " + firstLine(errors);
                } else {
                    engine.attach(lab, new java.io.PrintWriter(out, true));
                    lab.run(RUN_WITHOUT_SCRIPT_NANOS);
                    exit = 0;
                    summary = "the lab ran " + RUN_WITHOUT_SCRIPT_NANOS / 1_000_000_000 + " s of virtual time (no script)";
                }
            } catch (RuntimeException e) {
                exit = dog.fired() ? ScriptRunner.INTERRUPTED : ScriptRunner.FAILED;
                summary = dog.fired() ? "stopped: " + dog.reason() : "the lab failed: " + e.getMessage();
            }
        } finally {
            try {
                lab.close();
            } catch (RuntimeException e) {
                out.println("closing the captures failed: " + e.getMessage());
            }
        }
        Map<String, Path> captures = new LinkedHashMap<>();
        for (int i = 0; i < spec.captures().size(); i++)
            captures.put(spec.captures().get(i).point().toString(), outDir.resolve(spec.captures().get(i).fileName()));
        String text = output.toString(StandardCharsets.UTF_8) + errors.toString(StandardCharsets.UTF_8);
        if (text.length() > MAX_OUTPUT_CHARS) text = text.substring(0, MAX_OUTPUT_CHARS) + "\n[output cut at " + MAX_OUTPUT_CHARS + " characters]";
        return new FinishedRun(exit, summary, text, lab, engine.facade() == null ? null : engine.facade().httpLog(), captures);
    }

    private static String firstLine(ByteArrayOutputStream errors) {
        return errors.toString(StandardCharsets.UTF_8).strip().split("\n")[0];
    }

    /** Stops a run that exceeds its wall-clock limit: the script at its next loop or lab call, the lab at its next event. */
    private static final class Watchdog implements AutoCloseable {
        private final Thread thread;
        private final Duration limit;
        private volatile boolean fired;
        private volatile boolean done;

        Watchdog(GroovyEngine engine, Lab lab, Duration limit) {
            this.limit = limit;
            this.thread = Thread.ofPlatform().daemon().name("wirelab-batch-timeout").start(() -> {
                long deadline = System.nanoTime() + limit.toNanos();
                synchronized (this) {
                    while (!done) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) break;
                        try {
                            wait(Math.max(1, left / 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (done) return;
                }
                fired = true;
                engine.interrupt();
                lab.simulator().requestStop();
            });
        }

        boolean fired() { return fired; }

        String reason() { return "timed out after " + limit.toMillis() + " ms of wall-clock time"; }

        @Override public void close() {
            synchronized (this) {
                done = true;
                notifyAll();
            }
        }
    }
}
