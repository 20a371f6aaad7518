package io.wirelab.report;

import io.wirelab.labs.run.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a lab's report: {@code report.html} beside its captures, one self-contained file (page
 * script, styles and data inline; nothing fetched when opened). The data is the {@link ReportModel}:
 * what the first view needs as JSON, the packets, their info lines, the TCP series and the
 * per-frame decode (in blocks of {@link ReportModel#DETAIL_BLOCK} frames) as {@link Columns} blocks
 * the page unpacks when the ladder, the TCP plots or the frame inspector first needs them. Same lab, seed and script give a byte-identical file.
 */
public final class Reports {
    public static final String FILE_NAME = "report.html";

    private Reports() {}

    /** Writes dir/report.html from lab's captures (which must be complete on disk) and recorder's notes; returns its path. */
    public static Path write(Lab lab, List<Path> captureFiles, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, html(lab, captureFiles));
        return file;
    }

    /** The report page of lab as text. */
    static String html(Lab lab, List<Path> captureFiles) throws IOException {
        ReportRecorder recorder = ReportRecorder.of(lab);
        Topology topo = new Topology(lab);
        Packets packets = Packets.read(captureFiles, topo);
        StringBuilder keyLog = new StringBuilder(packets.keyLog);
        if (lab.outDir() != null && Files.isRegularFile(lab.outDir().resolve("keys.log")))
            keyLog.append(Files.readString(lab.outDir().resolve("keys.log")));
        Conversations conversations = Conversations.of(packets, topo, TlsKeys.parse(keyLog.toString()), lab.now());
        ReportModel.Built built = ReportModel.build(lab, recorder, packets, topo, conversations);
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("/*REPORT_CSS*/", resource("report.css"));
        parts.put("\"REPORT_DATA\"", Json.write(built.model()));
        parts.put("REPORT_PACKETS", built.packets().encoded());
        parts.put("REPORT_INFO", built.info().encoded());
        parts.put("REPORT_TCP", built.tcp().encoded());
        StringBuilder details = new StringBuilder();
        for (int k = 0; k < built.details().size(); k++)
            details.append("<script type=\"text/plain\" id=\"report-detail-").append(k).append("\">").append(built.details().get(k).encoded()).append("</script>\n");
        parts.put("<!--REPORT_DETAIL-->\n", details.toString());
        parts.put("/*REPORT_JS*/", resource("report.js"));
        return fill(resource("report.html"), parts);
    }

    /** The template with each placeholder, in the order given (the template's order), replaced once: no value is searched for the next. */
    private static String fill(String template, Map<String, String> parts) {
        StringBuilder out = new StringBuilder(template.length() + parts.values().stream().mapToInt(String::length).sum());
        int from = 0;
        for (Map.Entry<String, String> e : parts.entrySet()) {
            int at = template.indexOf(e.getKey(), from);
            if (at < 0) throw new IllegalStateException("report.html has no " + e.getKey() + " after offset " + from);
            out.append(template, from, at).append(e.getValue());
            from = at + e.getKey().length();
        }
        return out.append(template, from, template.length()).toString();
    }

    static String resource(String name) {
        try (InputStream in = Reports.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the report page's " + name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
