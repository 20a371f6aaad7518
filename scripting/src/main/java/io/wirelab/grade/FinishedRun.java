package io.wirelab.grade;

import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.HttpLog;
import java.nio.file.Path;
import java.util.Map;

/**
 * A finished (or refused) run of a submission, what the checks read: how it ended, the script's output,
 * the lab after close (null when it never started), the HTTP exchanges its script made (null: none ran)
 * and the capture file of each port ("pc1:eth0").
 */
public record FinishedRun(int exit, String summary, String output, Lab lab, HttpLog http, Map<String, Path> captures) {
    public boolean started() { return lab != null; }

    /** A run that never started: refused, invalid, or its out directory could not be made. */
    static FinishedRun notRun(int exit, String summary) { return new FinishedRun(exit, summary, "", null, null, Map.of()); }
}
