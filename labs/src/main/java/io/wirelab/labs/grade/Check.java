package io.wirelab.labs.grade;

/**
 * One named check of a rubric: what passing it is worth, whether the submission fails without it
 * (mandatory), who sees it on Gradescope (visibility), what it asserts (kind), and where the file
 * wrote it (line, for messages).
 */
public record Check(String name, double points, boolean mandatory, String visibility, CheckKind kind, int line) {
    /** Gradescope's visibility words (autograder specs); visible is its default. */
    public static final java.util.List<String> VISIBILITIES = java.util.List.of("visible", "hidden", "after_due_date", "after_published");
}
