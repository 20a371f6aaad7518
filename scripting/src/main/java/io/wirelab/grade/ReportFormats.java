package io.wirelab.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One submission's grade as text (people), JSON (tools), JUnit XML (GitHub Classroom, CI; the
 * surefire-test-report schema's required attributes) and Gradescope's results.json (autograder
 * specs: score, tests[] with name, score, max_score, status, output, visibility).
 */
public final class ReportFormats {
    private ReportFormats() {}

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Writes the reports' JSON, indented. */
    public static final com.fasterxml.jackson.databind.ObjectWriter JSON_WRITER = JSON.writer();

    public static String text(GradeReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("grade ").append(r.submission()).append(" with rubric ").append(r.rubric().name()).append('\n');
        sb.append("run: ").append(r.runSummary()).append('\n');
        for (CheckResult c : r.results()) {
            sb.append(c.passed() ? "PASS " : "FAIL ").append(points(c.points())).append('/').append(points(c.check().points()))
              .append("  ").append(c.check().name()).append(c.check().mandatory() ? " (mandatory)" : "").append('\n');
            for (String line : c.evidence().split("\n")) sb.append("       ").append(line.strip()).append('\n');
        }
        sb.append("score: ").append(points(r.score())).append('/').append(points(r.maxScore()))
          .append(" (").append(r.passedCount()).append(" of ").append(r.results().size()).append(" checks passed")
          .append(r.mandatoryPassed() ? ")" : "; a mandatory check failed)").append('\n');
        return sb.toString();
    }

    /** 2, 2.5, 0.25: no trailing zeros. */
    public static String points(double p) {
        if (p == Math.rint(p)) return Long.toString((long) p);
        return new java.math.BigDecimal(Double.toString(p)).stripTrailingZeros().toPlainString();
    }

    public static ObjectNode json(GradeReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("submission", r.submission());
        o.put("rubric", r.rubric().name());
        o.put("score", r.score());
        o.put("max_score", r.maxScore());
        o.put("mandatory_passed", r.mandatoryPassed());
        o.put("run_exit", r.runExit());
        o.put("run", r.runSummary());
        ArrayNode checks = o.putArray("checks");
        for (CheckResult c : r.results()) {
            ObjectNode x = checks.addObject();
            x.put("name", c.check().name());
            x.put("passed", c.passed());
            x.put("points", c.points());
            x.put("max_points", c.check().points());
            x.put("mandatory", c.check().mandatory());
            x.put("evidence", c.evidence());
        }
        return o;
    }

    /** Gradescope's results.json; the summary goes to output, the script's output stays hidden (stdout_visibility). */
    public static ObjectNode gradescope(GradeReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("score", r.score());
        o.put("execution_time", Math.max(1, Math.round(r.wallMillis() / 1000.0)));
        o.put("output", "wirelab grade: " + points(r.score()) + "/" + points(r.maxScore()) + "; run: " + r.runSummary()
                + (r.mandatoryPassed() ? "" : "; a mandatory check failed"));
        o.put("stdout_visibility", "hidden");
        ArrayNode tests = o.putArray("tests");
        int n = 0;
        for (CheckResult c : r.results()) {
            ObjectNode t = tests.addObject();
            t.put("name", c.check().name());
            t.put("number", Integer.toString(++n));
            t.put("score", c.points());
            t.put("max_score", c.check().points());
            t.put("status", c.passed() ? "passed" : "failed");
            t.put("output", c.evidence());
            t.put("visibility", c.check().visibility());
        }
        return o;
    }

    public static String junit(GradeReport r) {
        long failures = r.results().stream().filter(c -> !c.passed()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"").append(xml("wirelab." + r.rubric().name())).append("\" tests=\"").append(r.results().size())
          .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(r.wallMillis())).append("\">\n");
        for (CheckResult c : r.results()) {
            sb.append("  <testcase name=\"").append(xml(c.check().name())).append("\" classname=\"").append(xml(r.submission()))
              .append("\" time=\"0\"");
            if (c.passed()) {
                sb.append("/>\n");
            } else {
                String first = c.evidence().split("\n")[0];
                sb.append(">\n    <failure type=\"CheckFailed\" message=\"").append(xml(first)).append("\">")
                  .append(xml(c.evidence())).append("</failure>\n  </testcase>\n");
            }
        }
        sb.append("  <system-out>").append(xml(text(r))).append("</system-out>\n");
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    private static String seconds(long millis) { return String.format(Locale.ROOT, "%.3f", millis / 1000.0); }

    /** XML 1.0 text: the five entities escaped, characters XML cannot hold replaced. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0xfffe || c == 0xffff ? '?' : c);
            }
        }
        return sb.toString();
    }
}
