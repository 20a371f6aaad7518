package io.wirelab.labs.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** A lab file with problems; holds every problem found, in file order. The message lists them one per line. */
public final class LabFileException extends Exception {
    @java.io.Serial private static final long serialVersionUID = 1L;
    private final transient List<LabProblem> problems;   // exceptions are never serialized here

    public LabFileException(List<LabProblem> problems) {
        super(problems.stream().map(LabProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) throw new IllegalArgumentException("a LabFileException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    public List<LabProblem> problems() { return problems; }
}
