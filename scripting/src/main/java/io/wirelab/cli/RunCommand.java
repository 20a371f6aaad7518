package io.wirelab.cli;

import io.wirelab.labs.live.LiveStream;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.run.LabInterruptedException;
import io.wirelab.report.ReportRecorder;
import io.wirelab.report.Reports;
import io.wirelab.scripting.FailureMessages;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.ScriptStopped;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import io.wirelab.scripting.VirtualDuration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code wirelab run LAB|NAME [--out DIR] [--seed N] [--for DURATION] [--realtime] [--script FILE] [--trust]
 * [--timeout DURATION] [--report] [--live PORT[=PATH]]... [--pace PACE]}. The script is checked before the lab is built, so a refused script writes nothing.
 * Its picocli model is built in code ({@link #spec()}, {@link CodedSpec}), the command a student types most.
 */
final class RunCommand implements Callable<Integer> {
    static final long DEFAULT_FOR_WITHOUT_SCRIPT = 10_000_000_000L;   // 10 s of virtual time

    private final Io io;

    CommandSpec command;
    String lab;
    final LabRunOptions labOptions = new LabRunOptions();
    final LiveOptions liveOptions = new LiveOptions();
    boolean realtime;
    String runFor;
    Path scriptFile;
    boolean trust;
    boolean report;
    String timeout;

    RunCommand(Io io) { this.io = io; }

    /** This command's picocli model, its arguments bound to the fields above. */
    CommandSpec spec() {
        command = CodedSpec.withStandardHelp(CommandSpec.wrapWithoutInspection(this).name("run"));
        command.usageMessage()
                .description("Run a lab: build it, run its script, write its captures.",
                        "LAB is a lab file (.yaml) or the name of a built-in lab (see: wirelab labs).",
                        "The script runs in a sandbox (the lab DSL, text, numbers, collections, closures) unless --trust.")
                .footer("", "Exit codes: 0 ok, 1 lab or script failure, 2 usage error, invalid lab or script refused by the sandbox,",
                        "3 stopped by --timeout or Ctrl-C (the captures written so far are valid).");
        command.addPositional(CodedSpec.bound(PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("LAB|NAME").type(String.class)
                .description("a lab file or a built-in lab name"), () -> lab, v -> lab = (String) v).build());
        labOptions.addTo(command);
        liveOptions.addTo(command);
        command.addOption(CodedSpec.bound(OptionSpec.builder("--realtime").type(boolean.class)
                .description("pace virtual time to the wall clock (automatic when the lab has a bridge to a real interface)"),
                () -> realtime, v -> realtime = (Boolean) v).build());
        command.addOption(CodedSpec.bound(OptionSpec.builder("--for").paramLabel("DURATION").type(String.class)
                .description("virtual time to run after the script, or instead of it (default: 10s for a lab without a script, 0 after a script)"),
                () -> runFor, v -> runFor = (String) v).build());
        command.addOption(CodedSpec.bound(OptionSpec.builder("--script").paramLabel("FILE").type(Path.class)
                .description("run this Groovy file instead of the lab's own script"), () -> scriptFile, v -> scriptFile = (Path) v).build());
        command.addOption(CodedSpec.bound(OptionSpec.builder("--trust").type(boolean.class)
                .description("run the script with your full rights, outside the sandbox (only for scripts you wrote)"),
                () -> trust, v -> trust = (Boolean) v).build());
        command.addOption(CodedSpec.bound(OptionSpec.builder("--report").type(boolean.class)
                .description("also write report.html beside the captures: topology, ladder diagrams, HTTP waterfall, TCP plots"),
                () -> report, v -> report = (Boolean) v).build());
        command.addOption(CodedSpec.bound(OptionSpec.builder("--timeout").paramLabel("DURATION").type(String.class).defaultValue("10m")
                .description("wall-clock limit of the whole run, e.g. 30s, 2m; 0 for none (default: ${DEFAULT-VALUE}); exit 3 when hit"),
                () -> timeout, v -> timeout = (String) v).build());
        return command;
    }

    @Override public Integer call() {
        String liveProblem = liveOptions.problem();
        if (liveProblem != null) {
            this.io.err().println("wirelab: " + liveProblem);
            return Main.USAGE;
        }
        Io io = liveOptions.streamsToStdout() ? new Io(this.io.err(), this.io.err()) : this.io;   // stdout carries the stream
        LabSpec spec = LabSource.loadOrReport(lab, io);
        if (spec == null) return Main.USAGE;
        JvmProfile profile;
        try {
            profile = JvmProfile.of(spec, realtime);
        } catch (IllegalArgumentException e) {
            io.err().println("wirelab: " + e.getMessage());
            return Main.USAGE;
        }
        if (JvmRelaunch.needed(profile))
            return JvmRelaunch.run(profile, command.commandLine().getParseResult().originalArgs(), true, io.err());
        Duration wallLimit;
        try {
            long nanos = timeout.strip().equals("0") ? 0 : VirtualDuration.parse(timeout).nanos();
            wallLimit = nanos == 0 ? null : Duration.ofNanos(nanos);
        } catch (IllegalArgumentException e) {
            io.err().println("wirelab: --timeout: " + e.getMessage());
            return Main.USAGE;
        }
        ScriptSource script;
        try {
            script = scriptFile != null ? ScriptSource.file(scriptFile) : spec.script() != null ? ScriptSource.of(spec.script()) : null;
        } catch (IOException e) {
            io.err().println("wirelab: --script: cannot read " + scriptFile + ": " + e.getMessage());
            return Main.USAGE;
        }
        GroovyEngine.Trust scriptTrust = trust ? GroovyEngine.Trust.TRUSTED : GroovyEngine.Trust.SANDBOXED;
        if (script != null) {
            List<String> problems = ScriptRunner.compileProblems(script, scriptTrust);
            if (!problems.isEmpty()) {
                problems.forEach(io.err()::println);
                return Main.USAGE;
            }
        }
        long extraNanos;
        try {
            extraNanos = runFor == null ? (script == null ? DEFAULT_FOR_WITHOUT_SCRIPT : 0)
                    : VirtualDuration.parse(runFor).nanos();
        } catch (IllegalArgumentException e) {
            io.err().println("wirelab: --for: " + e.getMessage());
            return Main.USAGE;
        }
        spec = labOptions.applySeed(spec);
        Path dir = labOptions.outDir(spec);
        labOptions.sayWhenReplacing(dir, io.out());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            io.err().println("wirelab: cannot create the output directory " + dir + ": " + e.getMessage());
            return Main.FAILED;
        }

        GroovyEngine engine = null;
        if (realtime || spec.hasBridges()) {
            RealTimeWarmUp.run(spec.hasBridges());
            engine = new GroovyEngine(GroovyEngine.Mode.SCRIPT);
            if (script != null) engine.prepare(script.text(), script.fileName(), scriptTrust);   // before any bridge opens
        }
        Lab running;
        try {
            running = LabSource.start(spec, dir, realtime);
            if (running.isRealTime()) RealTimeWarmUp.settle(running);
        } catch (RuntimeException e) {
            io.err().println("wirelab: cannot start lab " + spec.name() + ": " + message(e));
            return Main.FAILED;
        }
        List<LiveStream> streams;
        try {
            streams = liveOptions.start(running, this.io.out(), io.err());
        } catch (IOException | RuntimeException e) {
            io.err().println("wirelab: " + message(e));
            running.close();
            return Main.USAGE;
        }
        FaultReport.asTheyHappen(running, io.err());
        ReportRecorder recorder = ReportRecorder.of(running);
        PrintStream scriptErr = report ? recorder.recordingFailures(io.err()) : io.err();
        if (running.isRealTime())
            io.out().println("running in real time" + (spec.hasBridges() ? " (bridged to a real interface)" : ""));
        int rc = Main.OK;
        List<Path> captures = List.of();
        if (engine == null) engine = new GroovyEngine(GroovyEngine.Mode.SCRIPT);
        ProgressLine progress = ProgressLine.start(running, io.err());
        try (RunStopper stopper = new RunStopper(engine, running, wallLimit, Main.handlesSignals(), io.err())) {
            try {
                if (script != null)
                    rc = new ScriptRunner(io.out(), scriptErr).run(engine, running, script, scriptTrust,
                            () -> stopper.stopped() ? stopper.reason() : "interrupted");
                if (rc == ScriptRunner.INTERRUPTED && stopper.stopped()) rc = Main.STOPPED;
                if (rc == Main.OK && extraNanos > 0) {
                    if (stopper.stopped()) throw new LabInterruptedException("stopped");
                    running.run(extraNanos);
                }
            } catch (RuntimeException | ScriptStopped e) {
                // after the script, the stop ends the lab's run, or a task of the script in its next loop
                boolean stopped = stopper.stopped() && (e instanceof LabInterruptedException || e instanceof ScriptStopped
                        || FailureMessages.unwrap(e).getCause() instanceof ScriptStopped);
                io.err().println("wirelab: lab " + spec.name() + (stopped ? " " + stopper.reason() + " at lab time " : " failed at ")
                        + VirtualDuration.ofNanos(running.simulator().now()) + (stopped ? "" : ": " + message(e)));
                rc = stopped ? Main.STOPPED : Main.FAILED;
                recorder.failed(e.getMessage());
            }
        } finally {
            progress.close();
            LiveOptions.closeAll(streams);
            try {
                captures = running.captureFiles();
                running.close();
            } catch (RuntimeException e) {
                io.err().println("wirelab: closing the captures failed: " + message(e));
                rc = Main.FAILED;
            }
        }
        rc = FaultReport.atEnd(running, io.err(), rc);
        if (running.isRealTime()) {
            RealTimeLag.print(running.simulator().realTime(), io.out());
            RealTimeLag.printBridges(running, io.out());
        }
        if (!captures.isEmpty()) {
            io.out().println("captures:");
            for (Path p : captures) io.out().println("  " + p);
        }
        if (report) {
            if (script != null) recorder.scriptEnded(rc);
            try {
                Path page = Reports.write(running, captures, dir);
                io.out().println("report:");
                io.out().println("  " + page);
            } catch (IOException | RuntimeException e) {
                io.err().println("wirelab: writing the report failed: " + message(e));
                rc = rc == Main.OK ? Main.FAILED : rc;
            }
        }
        if (!running.tlsFiles().isEmpty()) {
            io.out().println("tls (CA for curl --cacert; key log, also embedded in the captures):");
            for (Path p : running.tlsFiles()) io.out().println("  " + p);
        }
        io.out().flush();
        return rc;
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
