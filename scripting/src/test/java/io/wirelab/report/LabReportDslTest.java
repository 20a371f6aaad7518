package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lab.report() from a sandboxed script, mid-run: the page of the run so far, its captures read while still open. */
class LabReportDslTest {
    @TempDir Path dir;

    @Test void aSandboxedScriptWritesTheReportOfTheRunSoFar() throws Exception {
        Lab lab = new LabBuilder(new StandardServices()).buildLab(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.to(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        String script = """
                assert pc1.ping('10.0.0.2', count: 2).received == 2
                def page = lab.report()
                assert page.endsWith('report.html')
                println 'after the report'
                """;
        int rc = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(lab, ScriptSource.inline(script, "test.groovy", 1, 0));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("report " + dir.resolve("report.html")).contains("after the report");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(ColumnsTest.element(html, "report-data")).contains("\"scriptStatus\":\"running\"");
        assertThat(ColumnsTest.unpack(ColumnsTest.element(html, "report-packets")).get("label")).contains("echo request").contains("echo reply");
        assertThat(html).doesNotContain("after the report");   // written before that line ran
        lab.close();
    }
}
