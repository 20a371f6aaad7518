package io.wirelab.grade;

import io.wirelab.labs.grade.Check;
import io.wirelab.labs.grade.CheckKind;
import io.wirelab.labs.grade.Rubric;
import io.wirelab.labs.model.CaptureSpec;
import io.wirelab.labs.model.Endpoint;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.LinkSpec;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabProblem;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Grades one submission (a lab file with its script) against a rubric: runs it sandboxed, in virtual
 * time, bounded by a wall-clock timeout, with its captures (plus any port a check reads that the lab
 * does not capture) written to outDir only, then evaluates every check. Thread-safe: each call has its
 * own lab, engine and watchdog thread, so a class is graded on several threads at once.
 */
public final class SubmissionGrader {
    private final Rubric rubric;
    private final Duration timeout;

    /** timeout: the wall-clock limit of one run, unless the rubric sets its own. */
    public SubmissionGrader(Rubric rubric, Duration timeout) {
        this.rubric = rubric;
        this.timeout = rubric.timeoutNanos() > 0 ? Duration.ofNanos(rubric.timeoutNanos()) : timeout;
    }

    public GradeReport grade(Path submission, Path outDir) {
        long start = System.nanoTime();
        FinishedRun run = run(submission, outDir);
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

    private FinishedRun run(Path submission, Path outDir) {
        LabSpec spec;
        try {
            spec = LabYamlReader.read(submission);
        } catch (LabFileException e) {
            return FinishedRun.notRun(ScriptRunner.REFUSED, "invalid lab file: " + e.problems().stream().map(LabProblem::toString).collect(Collectors.joining("; ")));
        }
        ScriptSource script = spec.script() == null ? null : ScriptSource.of(spec.script());
        if (script != null) {
            List<String> problems = ScriptRunner.compileProblems(script, GroovyEngine.Trust.SANDBOXED);
            if (!problems.isEmpty()) return FinishedRun.notRun(ScriptRunner.REFUSED, "refused by the sandbox: " + String.join("; ", problems));
        }
        return LabRunner.run(withCheckedCaptures(spec), script, outDir, timeout, GroovyEngine.Trust.SANDBOXED);
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
}
