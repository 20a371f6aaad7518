package io.wirelab.labs.grade;

import java.util.List;

/**
 * A grading rubric as its file describes it (docs/grading.md): named checks with points, each an
 * assertion on a graded run's captures and results. timeoutNanos: the wall-clock limit of the
 * submission's run (0: the grader's default); source: the file it came from.
 */
public record Rubric(String name, String description, long timeoutNanos, List<Check> checks, String source) {
    public Rubric {
        checks = List.copyOf(checks);
        if (description == null) description = "";
    }

    public double maxPoints() { return checks.stream().mapToDouble(Check::points).sum(); }
}
