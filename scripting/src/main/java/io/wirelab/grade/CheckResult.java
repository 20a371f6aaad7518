package io.wirelab.grade;

import io.wirelab.labs.grade.Check;

/** How one check of a rubric came out: the points given (all or none) and the evidence (frame numbers, values) that decided it. */
public record CheckResult(Check check, boolean passed, double points, String evidence) {
    static CheckResult pass(Check c, String evidence) { return new CheckResult(c, true, c.points(), evidence); }

    static CheckResult fail(Check c, String evidence) { return new CheckResult(c, false, 0, evidence); }
}
