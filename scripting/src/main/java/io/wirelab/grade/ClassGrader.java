package io.wirelab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Grades every submission of a folder on a pool of threads: each submission is a lab file directly in
 * the folder, or a subfolder holding one lab file (named after the subfolder). Each grading has its own
 * lab and engine (no state is shared between runs), so results do not depend on the number of threads.
 */
public final class ClassGrader {
    /** One submission: its name in the class table and its lab file. */
    public record Submission(String name, Path lab) {}

    private ClassGrader() {}

    /** The folder's submissions by name; a subfolder without exactly one .yaml/.yml file is listed as an invalid submission. */
    public static List<Submission> submissions(Path dir) throws IOException {
        List<Submission> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(".")) continue;
                if (Files.isRegularFile(p) && isLab(f)) {
                    out.add(new Submission(SubmissionGrader.submissionName(p), p));
                } else if (Files.isDirectory(p)) {
                    List<Path> labs;
                    try (Stream<Path> in = Files.list(p)) {
                        labs = in.filter(x -> Files.isRegularFile(x) && isLab(x.getFileName().toString())).sorted().toList();
                    }
                    out.add(new Submission(f, labs.size() == 1 ? labs.getFirst() : p.resolve(labs.isEmpty() ? "(no lab file)" : "(more than one lab file)")));
                }
            }
        }
        return out;
    }

    private static boolean isLab(String f) { return f.endsWith(".yaml") || f.endsWith(".yml"); }

    /** Grades the submissions with jobs threads; each writes to outDir/NAME/. Reports in submission order. */
    public static List<GradeReport> grade(List<Submission> submissions, SubmissionGrader grader, Path outDir, int jobs)
            throws InterruptedException {
        List<GradeReport> out = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), Thread.ofPlatform().name("wirelab-grade-", 1).factory())) {
            List<Future<GradeReport>> futures = new ArrayList<>();
            for (Submission s : submissions)
                futures.add(pool.submit(() -> rename(grader.grade(s.lab(), outDir.resolve(s.name())), s.name())));
            for (Future<GradeReport> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
                }
            }
        }
        return out;
    }

    private static GradeReport rename(GradeReport r, String name) {
        return new GradeReport(name, r.rubric(), r.results(), r.runExit(), r.runSummary(), r.wallMillis());
    }
}
