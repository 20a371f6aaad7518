package io.wirelab.cli;

import io.wirelab.console.Console;
import io.wirelab.console.ConsoleRepl;
import io.wirelab.labs.live.Pace;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirelab console LAB|NAME}: a Groovy REPL over the running lab. On a terminal: line editing,
 * Tab completion, history in ~/.wirelab/history, Ctrl-C stops a long run. With piped stdin: the same
 * inputs without prompts; exit 1 when an input failed.
 */
@Command(name = "console", mixinStandardHelpOptions = true, modelTransformer = ConsoleCommand.SharedLabOptions.class,
        description = {"Open a Groovy console on a running lab: device variables, :commands, Tab completion.",
                "LAB is a lab file (.yaml) or the name of a built-in lab. The lab's own script is not run."})
final class ConsoleCommand implements Callable<Integer> {
    private final Io io;
    private final InputStream in;
    private final boolean allowTerminal;

    @Parameters(index = "0", paramLabel = "LAB|NAME", description = "a lab file or a built-in lab name")
    String lab;

    final LabRunOptions labOptions = new LabRunOptions();

    @Option(names = "--history", paramLabel = "FILE", description = "history file (default: ~/.wirelab/history)")
    Path history;

    @Option(names = "--pace", paramLabel = "PACE", description = "how fast lab time passes as inputs run the lab: realtime, a rate such as 0.1x or 2x, or fast (default); :pace changes it")
    String pace;

    @Option(names = "--trust", description = "run files loaded with :load with your full rights (typed input always has them)")
    boolean trust;

    ConsoleCommand(Io io) { this(io, System.in, true); }

    /** in is read when there is no terminal (always when allowTerminal is false, as in tests). */
    ConsoleCommand(Io io, InputStream in, boolean allowTerminal) {
        this.io = io;
        this.in = in;
        this.allowTerminal = allowTerminal;
    }

    @Override public Integer call() {
        Pace paced;
        try {
            paced = pace == null ? Pace.FAST : Pace.parse(pace);
        } catch (IllegalArgumentException e) {
            io.err().println("wirelab: --pace: " + e.getMessage());
            return Main.USAGE;
        }
        LabSpec loaded = LabSource.loadOrReport(lab, io);
        if (loaded == null) return Main.USAGE;
        LabSpec spec = labOptions.applySeed(loaded);
        Path dir = labOptions.outDir(spec);
        labOptions.sayWhenReplacing(dir, io.out());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            io.err().println("wirelab: cannot create the output directory " + dir + ": " + e.getMessage());
            return Main.FAILED;
        }
        Supplier<Lab> factory = () -> LabSource.start(spec, dir);
        java.io.Console sys = System.console();
        if (allowTerminal && sys != null && sys.isTerminal()) {
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                // autoflush: what an input prints shows at once, not when a long lab.run ends
                Console console = new Console(factory, dir, new PrintWriter(terminal.writer(), true));
                console.trustLoadedFiles(trust);
                if (!paced(console, paced)) return Main.USAGE;
                Path h = history != null ? history : Path.of(System.getProperty("user.home"), ".wirelab", "history");
                return ConsoleRepl.interactive(console, terminal, h, spec.name());
            } catch (IOException e) {
                io.err().println("wirelab: cannot open the terminal: " + e.getMessage());
                return Main.FAILED;
            } catch (RuntimeException e) {
                io.err().println("wirelab: cannot start lab " + spec.name() + ": " + message(e));
                return Main.FAILED;
            }
        }
        PrintWriter w = new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true);
        Console console;
        try {
            console = new Console(factory, dir, w);
            console.trustLoadedFiles(trust);
        } catch (RuntimeException e) {
            io.err().println("wirelab: cannot start lab " + spec.name() + ": " + message(e));
            return Main.FAILED;
        }
        if (!paced(console, paced)) return Main.USAGE;
        if (allowTerminal) PipedInterrupt.install(console);
        return ConsoleRepl.piped(console, in, w);
    }

    /** Paces the session by --pace; false (after saying why and closing the lab) when the lab cannot take it. */
    private boolean paced(Console console, Pace p) {
        try {
            console.pace(p);
            return true;
        } catch (IllegalArgumentException e) {
            io.err().println("wirelab: --pace " + p + ": " + e.getMessage());
            console.close();
            return false;
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** SIGINT without a terminal (kill -INT): stops a running call; an idle session ignores it. */
    static final class PipedInterrupt {
        private PipedInterrupt() {}

        static void install(Console console) {
            ConsoleRepl.onInterrupt(console::interrupt);
        }
    }

    /** The options console shares with run (LabRunOptions, built in code), added to console's annotated model. */
    static final class SharedLabOptions implements CommandLine.IModelTransformer {
        @Override public CommandSpec transform(CommandSpec spec) {
            ((ConsoleCommand) spec.userObject()).labOptions.addTo(spec);
            return spec;
        }
    }
}
