package io.wirelab.cli;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wirelab validate LAB}: every problem as file:line:col (exit 2), or "ok" (exit 0). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a lab without running any of it: structure, addresses, links, loops, and that its script",
                "compiles and stays in the sandbox (with --trust: compiles as plain Groovy). No script code runs.",
                "Prints every problem as file:line:col: message (exit 2), or ok (exit 0)."})
final class ValidateCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(index = "0", paramLabel = "LAB|NAME", description = "a lab file or a built-in lab name")
    String lab;

    @Option(names = "--trust", description = "check the script as plain Groovy, for a lab you will run with --trust")
    boolean trust;

    ValidateCommand(Io io) { this.io = io; }

    @Override public Integer call() {
        LabSpec spec = LabSource.loadOrReport(lab, io);
        if (spec == null) return Main.USAGE;
        if (spec.script() != null) {
            List<String> problems = ScriptRunner.labProblems(spec, ScriptSource.of(spec.script()),
                    trust ? GroovyEngine.Trust.TRUSTED : GroovyEngine.Trust.SANDBOXED);
            if (!problems.isEmpty()) {
                problems.forEach(io.err()::println);
                return Main.USAGE;
            }
        }
        io.out().println("ok");
        return Main.OK;
    }
}
