package io.wirelab.grade;

import io.wirelab.labs.grade.Rubric;
import java.util.List;

/**
 * The grade of one submission: every check's result, how its run ended (runExit as `wirelab run`'s
 * exit codes: 0 ok, 1 lab or script failure, 2 invalid lab or refused by the sandbox, 3 timed out)
 * with a one-line summary, and the wall time of run and checks.
 */
public record GradeReport(String submission, Rubric rubric, List<CheckResult> results, int runExit, String runSummary, long wallMillis) {
    public GradeReport {
        results = List.copyOf(results);
    }

    public double score() { return results.stream().mapToDouble(CheckResult::points).sum(); }

    public double maxScore() { return rubric.maxPoints(); }

    /** Whether every mandatory check passed: grade's exit 0. */
    public boolean mandatoryPassed() { return results.stream().allMatch(r -> r.passed() || !r.check().mandatory()); }

    public long passedCount() { return results.stream().filter(CheckResult::passed).count(); }
}
