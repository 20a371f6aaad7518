package io.wirelab.grade;

import java.util.List;

/** The class table of a graded folder: one row per submission, one column per check, as CSV (RFC 4180) and a self-contained HTML page. */
public final class ClassTable {
    private ClassTable() {}

    public static String csv(List<GradeReport> reports) {
        StringBuilder sb = new StringBuilder("submission,score,max_score,mandatory_passed,run_exit");
        if (!reports.isEmpty()) for (CheckResult c : reports.getFirst().results()) sb.append(',').append(field(c.check().name()));
        sb.append("\r\n");
        for (GradeReport r : reports) {
            sb.append(field(r.submission())).append(',').append(ReportFormats.points(r.score())).append(',')
              .append(ReportFormats.points(r.maxScore())).append(',').append(r.mandatoryPassed()).append(',').append(r.runExit());
            for (CheckResult c : r.results()) sb.append(',').append(ReportFormats.points(c.points()));
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static String field(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    public static String html(String title, List<GradeReport> reports) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(ReportFormats.xml(title)).append("</title>\n<style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}")
                .append("td.pass{background:#e6f4ea}td.fail{background:#fce8e6}td.num{text-align:right}")
                .append("details{max-width:40em}pre{white-space:pre-wrap;margin:0}</style></head><body>\n<h1>")
                .append(ReportFormats.xml(title)).append("</h1>\n");
        long passed = reports.stream().filter(GradeReport::mandatoryPassed).count();
        sb.append("<p>").append(reports.size()).append(" submissions, ").append(passed).append(" passed every mandatory check.</p>\n<table><tr><th>submission</th><th>score</th>");
        if (!reports.isEmpty()) for (CheckResult c : reports.getFirst().results())
            sb.append("<th>").append(ReportFormats.xml(c.check().name())).append(" (").append(ReportFormats.points(c.check().points())).append(")</th>");
        sb.append("</tr>\n");
        for (GradeReport r : reports) {
            sb.append("<tr><td>").append(ReportFormats.xml(r.submission())).append("<br><small>").append(ReportFormats.xml(r.runSummary()))
              .append("</small></td><td class=\"num ").append(r.mandatoryPassed() ? "pass" : "fail").append("\">")
              .append(ReportFormats.points(r.score())).append('/').append(ReportFormats.points(r.maxScore())).append("</td>");
            for (CheckResult c : r.results())
                sb.append("<td class=\"").append(c.passed() ? "pass" : "fail").append("\"><details><summary>").append(ReportFormats.points(c.points()))
                  .append("</summary><pre>").append(ReportFormats.xml(c.evidence())).append("</pre></details></td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }
}
