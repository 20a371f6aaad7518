package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wirelab run http-basics --report, twice: byte-identical report.html, holding the lab's decoded and decrypted traffic. */
class ReportDeterminismTest {
    @TempDir Path dir;

    @Test void sameLabAndSeedGiveTheSameReport() throws Exception {
        String out1 = run(dir.resolve("run1"));
        String out2 = run(dir.resolve("run2"));
        Path a = dir.resolve("run1").resolve("report.html"), b = dir.resolve("run2").resolve("report.html");
        assertThat(out1).contains("report:").contains(a.toString());
        assertThat(out2).contains(b.toString());
        byte[] first = Files.readAllBytes(a), second = Files.readAllBytes(b);
        assertThat(first).as("report.html of two runs").isEqualTo(second);

        String html = new String(first, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http");   // nothing fetched when opened
        assertThat(html).doesNotContain(dir.toString());                                // no path of this run inside
        String data = ColumnsTest.element(html, "report-data");
        for (String expected : new String[] {"\"name\":\"http-basics\"", "\"scriptStatus\":\"passed\"", "pipelined keep-alive saved"})   // the script's status and output
            assertThat(data.contains(expected)).as("the report's data holds " + expected).isTrue();
        assertThat(data).as("TCP's counters under their own names").contains("\"tcp.active_opens\":").doesNotContain("\"tcp.tcp.");
        String labels = ColumnsTest.unpack(ColumnsTest.element(html, "report-packets")).get("label");
        for (String expected : new String[] {", ClientHello,", ", GET /,", ", 200 OK,"})   // decrypted HTTP
            assertThat(labels.contains(expected)).as("the packets' labels hold " + expected).isTrue();
    }

    private static String run(Path out) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"run", "http-basics", "--out", out.toString(), "--report"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(rc).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        return stdout.toString(StandardCharsets.UTF_8);
    }
}
