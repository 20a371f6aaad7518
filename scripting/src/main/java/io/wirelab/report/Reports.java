package io.wirelab.report;

import io.wirelab.labs.run.Lab;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a lab's report: {@code report.html} beside its captures, one self-contained file (page
 * script, styles and data inline; nothing fetched when opened). The data is the {@link ReportModel}
 * as JSON; the per-frame decode is gzip-compressed and unpacked by the page when a frame is first
 * inspected. Same lab, seed and script give a byte-identical file.
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
        String template = resource("report.html");
        return template
                .replace("/*REPORT_CSS*/", resource("report.css"))
                .replace("/*REPORT_JS*/", resource("report.js"))
                .replace("\"REPORT_DATA\"", Json.write(built.model()))
                .replace("REPORT_DETAIL", gzipBase64(Json.write(built.details())));
    }

    private static String gzipBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
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
