package io.wirelab.labs.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems of one lab file; sorted by position when handed out. */
final class Problems {
    private final String file;
    private final List<LabProblem> list = new ArrayList<>();

    Problems(String file) { this.file = file; }

    void add(int line, int column, String message, String hint) {
        list.add(new LabProblem(file, line, column, message, hint));
    }

    void add(YamlTree.YNode at, String message, String hint) { add(at.line(), at.column(), message, hint); }

    boolean isEmpty() { return list.isEmpty(); }
    int size() { return list.size(); }

    List<LabProblem> sorted() {
        List<LabProblem> s = new ArrayList<>(list);
        s.sort(Comparator.comparingInt(LabProblem::line).thenComparingInt(LabProblem::column));
        return s;
    }
}
