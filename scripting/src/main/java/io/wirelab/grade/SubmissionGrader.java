package io.wirelab.grade;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.grade.Check;
import io.wirelab.labs.grade.CheckKind;
import io.wirelab.labs.grade.Rubric;
import io.wirelab.labs.model.CaptureSpec;
import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabProblem;
import io.wirelab.labs.yaml.LabYamlReader;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Grades one submission (a lab file with its script) against a rubric: runs it sandboxed, in virtual
 * time, bounded by a wall-clock timeout, with its captures (plus any port a check reads that the lab
 * does not capture) written to outDir only, then evaluates every check. Thread-safe: each call has its
 * own lab, engine and watchdog thread, so a class is graded on several threads at once.
 */
public final class SubmissionGrader {
    /** Virtual time a lab without a script runs, as `wirelab run` does. */
    static final long RUN_WITHOUT_SCRIPT_NANOS = 10_000_000_000L;
    /** Script output kept for the report and results.output. */
    static final int MAX_OUTPUT_CHARS = 64 * 1024;

    private final Rubric rubric;
    private final Duration timeout;

    /** timeout: the wall-clock limit of one run, unless the rubric sets its own. */
    public SubmissionGrader(Rubric rubric, Duration timeout) {
        this.rubric = rubric;
        this.timeout = rubric.timeoutNanos() > 0 ? Duration.ofNanos(rubric.timeoutNanos()) : timeout;
    }

    public GradeReport grade(Path submission, Path outDir) {
        long start = System.nanoTime();
        GradedRun run = run(submission, outDir);
        CheckEvaluator evaluator = new CheckEvaluator(run);
        List<CheckResult> results = new ArrayList<>();
        for (Check c : rubric.checks()) results.add(evaluator.evaluate(c));
        return new GradeReport(submissionName(submission), rubric, results, run.exit(), run.summary(), (System.nanoTime() - start) / 1_000_000);
    }

    static String submissionName(Path submission) {
        String f = submission.getFileName().toString();
        for (String ext : List.of(".yaml", ".yml")) if (f.endsWith(ext)) return f.substring(0, f.length() - ext.length());
        return f;
    }

    private GradedRun run(Path submission, Path outDir) {
        LabSpec spec;
        try {
            spec = LabYamlReader.read(submission);
        } catch (LabFileException e) {
            return refused(ScriptRunner.REFUSED, "invalid lab file: " + e.problems().stream().map(LabProblem::toString).collect(Collectors.joining("; ")));
        }
        ScriptSource script = spec.script() == null ? null : ScriptSource.of(spec.script());
        if (script != null) {
            List<String> problems = ScriptRunner.compileProblems(script, GroovyEngine.Trust.SANDBOXED);
            if (!problems.isEmpty()) return refused(ScriptRunner.REFUSED, "refused by the sandbox: " + String.join("; ", problems));
        }
        spec = withCheckedCaptures(spec);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            return refused(ScriptRunner.FAILED, "cannot create " + outDir + ": " + e.getMessage());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream(), errors = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8), err = new PrintStream(errors, true, StandardCharsets.UTF_8);
        Lab lab;
        try {
            lab = new LabBuilder(new StandardServices()).buildLab(spec, LabBuilder.Options.to(outDir));
        } catch (RuntimeException e) {
            return refused(ScriptRunner.FAILED, "cannot start the lab: " + e.getMessage());
        }
        GroovyEngine engine = new GroovyEngine(GroovyEngine.Mode.SCRIPT);
        int exit;
        String summary;
        try (Watchdog dog = new Watchdog(engine, lab, timeout)) {
            try {
                if (script != null) {
                    exit = new ScriptRunner(out, err).run(engine, lab, script, GroovyEngine.Trust.SANDBOXED, dog::reason);
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
        return new GradedRun(exit, summary, text, lab, engine.facade() == null ? null : engine.facade().httpLog(), captures);
    }

    private static GradedRun refused(int exit, String summary) { return new GradedRun(exit, summary, "", null, null, Map.of()); }

    private static String firstLine(ByteArrayOutputStream errors) {
        return errors.toString(StandardCharsets.UTF_8).strip().split("\n")[0];
    }

    /** The lab with a capture added for every port a filter check reads that the lab has but does not capture. */
    private LabSpec withCheckedCaptures(LabSpec spec) {
        List<CaptureSpec> captures = new ArrayList<>(spec.captures());
        for (Check c : rubric.checks()) {
            if (!(c.kind() instanceof CheckKind.Frames f)) continue;
            Endpoint p = f.capture();
            boolean captured = captures.stream().anyMatch(x -> x.point().equals(p));
            boolean exists = spec.links().stream().map(LinkSpec::a).anyMatch(p::equals) || spec.links().stream().map(LinkSpec::b).anyMatch(p::equals);
            if (!captured && exists) captures.add(new CaptureSpec(p));
        }
        return new LabSpec(spec.name(), spec.description(), spec.seed(), spec.nodes(), spec.links(), captures, spec.script(), spec.source());
    }

    /** Stops a run that exceeds its wall-clock limit: the script at its next loop or lab call, the lab at its next event. */
    private static final class Watchdog implements AutoCloseable {
        private final Thread thread;
        private final Duration limit;
        private volatile boolean fired;
        private volatile boolean done;

        Watchdog(GroovyEngine engine, Lab lab, Duration limit) {
            this.limit = limit;
            this.thread = Thread.ofPlatform().daemon().name("wirelab-grade-timeout").start(() -> {
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
