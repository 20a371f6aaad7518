package io.wirelab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The wirelab command line. Exit codes: 0 ok, 1 lab or script failure, 2 usage error, invalid lab or a
 * script the sandbox refuses, 3 a run stopped by --timeout or Ctrl-C.
 * {@link #run(String[], PrintStream, PrintStream)} is the in-process entry point tests use.
 */
@Command(name = "wirelab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A network lab emulator: YAML labs, virtual time, real bytes on every wire, pcapng captures.",
        footer = {"", "Exit codes: 0 ok, 1 lab or script failure, 2 usage error, invalid lab or script refused by the sandbox,",
                "3 run stopped by --timeout or Ctrl-C.",
                "Examples:", "  wirelab run ping-basics --out /tmp/ping", "  wirelab validate labs/my-lab.yaml", "  wirelab console ping-basics", "  wirelab show /tmp/ping/pc1-eth0.pcapng"})
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int STOPPED = 3;

    /** Set by {@link #main}: only the real process takes over Ctrl-C, never a test calling {@link #run}. */
    private static volatile boolean signals;

    static boolean handlesSignals() { return signals; }

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        signals = true;
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // picocli would otherwise load groovy.lang.Closure, and with it Groovy's whole runtime, for every command
        if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
        Io io = new Io(out, err);
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new RunCommand(io));
        cl.addSubcommand(new ValidateCommand(io));
        cl.addSubcommand(new LabsCommand(io));
        cl.addSubcommand(new ShowCommand(io));
        cl.addSubcommand(new ConsoleCommand(io));
        cl.addSubcommand(new GradeCommand(io));
        cl.addSubcommand(new SweepCommand(io));
        cl.addSubcommand(new ExtcapCommand(io));
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("wirelab: internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : ""));
            return FAILED;
        });
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The version from the build (version.properties is filtered by Maven). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"wirelab " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + ", Groovy " + groovy.lang.GroovySystem.getVersion()};
        }
    }
}
