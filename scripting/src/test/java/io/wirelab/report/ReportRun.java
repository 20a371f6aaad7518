package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A built-in lab run in-process as `wirelab run NAME --report` runs it, keeping what the report was made from. */
record ReportRun(Path page, List<ReportRecorder.HttpRecord> http, String output) {
    static ReportRun of(String name, Path dir) throws Exception { return of(BuiltinLabs.builtin(name), dir); }

    static ReportRun of(LabSpec spec, Path dir) throws Exception {
        Lab lab = new LabBuilder(new StandardServices()).buildLab(spec, LabBuilder.Options.to(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        ReportRecorder recorder = ReportRecorder.of(lab);
        int rc = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(lab, ScriptSource.of(spec.script()));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        recorder.scriptEnded(rc);
        List<Path> captures = lab.captureFiles();
        lab.close();
        Path page = Reports.write(lab, captures, dir);
        return new ReportRun(page, recorder.http(), out.toString(StandardCharsets.UTF_8));
    }
}
