package io.wirelab.cli;

import io.wirelab.grade.ClassGrader;
import io.wirelab.grade.ClassTable;
import io.wirelab.grade.GradeReport;
import io.wirelab.grade.ReportFormats;
import io.wirelab.grade.SubmissionGrader;
import io.wirelab.labs.grade.Check;
import io.wirelab.labs.grade.CheckKind;
import io.wirelab.labs.grade.Rubric;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.RubricYamlReader;
import io.wirelab.scripting.VirtualDuration;
import io.wirelab.scripting.engine.CompileProblem;
import io.wirelab.scripting.engine.RubricScripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirelab grade SUBMISSION.yaml|DIR --rubric R.yaml [--format text|json|junit|gradescope] [--timeout D]
 * [--out DIR] [--report FILE] [--jobs N]}. One submission: exit 0 when every mandatory check passed, 1
 * otherwise. A folder: every submission graded, a class table written, exit 0 once all are graded.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a lab submission by what happened on the wire: run it sandboxed, then evaluate the rubric's checks",
                "(display filters over its captures, DHCP and HTTP results, Groovy checks) and print points with evidence.",
                "Given a folder, grade every submission in it (a .yaml file, or a subfolder with one) and write a class table."},
        footer = {"", "Exit codes: 0 every mandatory check passed (a folder: every submission graded), 1 a mandatory check failed,",
                "2 usage error or invalid rubric.", "See docs/grading.md."})
final class GradeCommand implements Callable<Integer> {
    enum Format { text, json, junit, gradescope }

    private final Io io;

    @Parameters(index = "0", paramLabel = "SUBMISSION|DIR", description = "a lab file, or a folder of submissions")
    Path submission;

    @Option(names = "--rubric", required = true, paramLabel = "FILE", description = "the rubric (YAML, docs/grading.md)")
    Path rubricFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit (JUnit XML) or gradescope (writes results/results.json); default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--report", paramLabel = "FILE", description = "write the report here instead of standard output (gradescope: default results/results.json)")
    Path report;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "wall-clock limit of each submission's run unless the rubric sets one (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--out", paramLabel = "DIR", description = "captures and reports go here (default: out/grade/<submission or folder>/)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "submissions graded at once, for a folder (default: ${DEFAULT-VALUE})")
    int jobs;

    GradeCommand(Io io) { this.io = io; }

    @Override public Integer call() throws IOException, InterruptedException {
        Rubric rubric = readRubric();
        if (rubric == null) return Main.USAGE;
        Duration limit;
        try {
            limit = Duration.ofNanos(VirtualDuration.parse(timeout).nanos());
            if (limit.isZero() || limit.isNegative()) throw new IllegalArgumentException("must be longer than 0");
        } catch (IllegalArgumentException e) {
            io.err().println("wirelab: --timeout: " + e.getMessage());
            return Main.USAGE;
        }
        if (jobs < 1) {
            io.err().println("wirelab: --jobs must be 1 or more");
            return Main.USAGE;
        }
        SubmissionGrader grader = new SubmissionGrader(rubric, limit);
        if (Files.isDirectory(submission)) return gradeClass(grader, rubric);
        if (!Files.isRegularFile(submission)) {
            io.err().println("wirelab: " + submission + ": no such file or folder");
            return Main.USAGE;
        }
        String name = submission.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        GradeReport r = grader.grade(submission, out != null ? out : Path.of("out", "grade", name));
        switch (format) {
            case text -> emit(ReportFormats.text(r));
            case json -> emit(ReportFormats.JSON_WRITER.writeValueAsString(ReportFormats.json(r)) + "\n");
            case junit -> emit(ReportFormats.junit(r));
            case gradescope -> {
                Path file = report != null ? report : Path.of("results", "results.json");
                write(file, ReportFormats.JSON_WRITER.writeValueAsString(ReportFormats.gradescope(r)) + "\n");
                io.out().print(ReportFormats.text(r));
                io.out().println("wrote " + file);
            }
        }
        return r.mandatoryPassed() ? Main.OK : Main.FAILED;
    }

    private Rubric readRubric() {
        Rubric rubric;
        try {
            rubric = RubricYamlReader.read(rubricFile);
        } catch (LabFileException e) {
            e.problems().forEach(io.err()::println);
            return null;
        }
        List<String> problems = new ArrayList<>();
        for (Check c : rubric.checks()) {
            if (!(c.kind() instanceof CheckKind.Groovy g)) continue;
            for (CompileProblem p : RubricScripts.problems(g.code()))
                problems.add(rubricFile + ":" + (p.hasPosition() ? (g.line() + p.line() - 1) + ":" + Math.max(1, p.column()) : g.line() + ":1")
                        + ": groovy check '" + c.name() + "': " + p.message());
        }
        problems.forEach(io.err()::println);
        return problems.isEmpty() ? rubric : null;
    }

    private int gradeClass(SubmissionGrader grader, Rubric rubric) throws IOException, InterruptedException {
        Path dir = out != null ? out : Path.of("out", "grade", submission.toAbsolutePath().normalize().getFileName().toString());
        List<ClassGrader.Submission> subs = ClassGrader.submissions(submission);
        if (subs.isEmpty()) {
            io.err().println("wirelab: " + submission + ": no submissions (lab files, or folders with one lab file)");
            return Main.USAGE;
        }
        List<GradeReport> reports = ClassGrader.grade(subs, grader, dir, jobs);
        for (GradeReport r : reports) {
            Path d = dir.resolve(r.submission());
            write(d.resolve("report.txt"), ReportFormats.text(r));
            write(d.resolve("report.json"), ReportFormats.JSON_WRITER.writeValueAsString(ReportFormats.json(r)) + "\n");
            write(d.resolve("results.json"), ReportFormats.JSON_WRITER.writeValueAsString(ReportFormats.gradescope(r)) + "\n");
            write(d.resolve("junit.xml"), ReportFormats.junit(r));
            io.out().println(String.format(java.util.Locale.ROOT, "%-24s %7s/%s %s", r.submission(), ReportFormats.points(r.score()),
                    ReportFormats.points(r.maxScore()), r.mandatoryPassed() ? "" : "(a mandatory check failed)").stripTrailing());
        }
        write(dir.resolve("class.csv"), ClassTable.csv(reports));
        write(dir.resolve("class.html"), ClassTable.html("wirelab grade: " + rubric.name(), reports));
        io.out().println("class table: " + dir.resolve("class.csv") + ", " + dir.resolve("class.html"));
        return Main.OK;
    }

    private void emit(String text) throws IOException {
        if (report == null) io.out().print(text);
        else write(report, text);
    }

    private static void write(Path file, String text) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
