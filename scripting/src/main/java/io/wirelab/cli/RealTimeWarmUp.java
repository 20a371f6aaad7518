package io.wirelab.cli;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Before a real-time lab starts (a bridge opens, or run --realtime), runs the built-in http-basics
 * once in virtual time, without captures and printing nothing: DHCP, DNS, HTTP, a TLS handshake with
 * its key generation, and a sandboxed script. Their classes are then loaded and their code has run,
 * so the real-time lab's first handshake does not hold the simulator while a real peer waits. Then
 * one full collection: the JVM would otherwise run one in the middle of the real-time run, stopping
 * the simulator for tens of milliseconds, once the code compiled (CodeCache GC Threshold) or the
 * classes loaded (Metadata GC Threshold) since the last full collection pass their threshold.
 */
final class RealTimeWarmUp {
    static final String LAB = "http-basics";

    private RealTimeWarmUp() {}

    /** Whether the warm-up lab ran its script to the end. */
    static boolean run() {
        LabSpec spec;
        try {
            spec = BuiltinLabs.builtin(LAB);
        } catch (LabFileException e) {
            throw new IllegalStateException("built-in lab " + LAB + " does not load", e);
        }
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        boolean ok;
        try (Lab lab = new LabBuilder(new StandardServices()).buildLab(spec, LabBuilder.Options.withoutCaptures())) {
            ok = new ScriptRunner(discard, discard).run(lab, ScriptSource.of(spec.script())) == ScriptRunner.OK;
        }
        System.gc();
        return ok;
    }
}
