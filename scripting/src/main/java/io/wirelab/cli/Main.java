package io.wirelab.cli;

import io.wirelab.scripting.engine.GroovyRuntimeStart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The wirelab command line. Exit codes: 0 ok, 1 lab or script failure, 2 usage error, invalid lab or a
 * script the sandbox refuses, 3 a run stopped by --timeout or Ctrl-C.
 * {@link #run(String[], PrintStream, PrintStream)} is the in-process entry point tests use. The top level's
 * picocli model and run's are built in code ({@link CodedSpec}); the other commands' come from their annotations.
 */
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int STOPPED = 3;

    /** The subcommands by name, in the order the usage lists them: an annotated command or a model built in code. */
    private static final Map<String, Function<Io, Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Function<Io, Object>> subcommands() {
        Map<String, Function<Io, Object>> commands = new LinkedHashMap<>();
        commands.put("run", io -> new RunCommand(io).spec());
        commands.put("validate", ValidateCommand::new);
        commands.put("labs", LabsCommand::new);
        commands.put("show", ShowCommand::new);
        commands.put("console", io -> new CommandLine(new ConsoleCommand(io)));   // picocli applies a model transformer to the command lines its caller makes
        commands.put("grade", GradeCommand::new);
        commands.put("sweep", SweepCommand::new);
        commands.put("extcap", ExtcapCommand::new);
        commands.put("daemon", DaemonCommand::new);
        return commands;
    }

    /** Set by {@link #main}: only the real process takes over Ctrl-C, never a test calling {@link #run}. */
    static volatile boolean signals;

    static boolean handlesSignals() { return signals; }

    private CommandSpec spec;

    /** The top level's picocli model. */
    private CommandSpec spec() {
        spec = CodedSpec.withStandardHelp(CommandSpec.wrapWithoutInspection(this).name("wirelab").versionProvider(new Version()));
        spec.usageMessage()
                .description("A network lab emulator: YAML labs, virtual time, real bytes on every wire, pcapng captures.")
                .footer("", "Exit codes: 0 ok, 1 lab or script failure, 2 usage error, invalid lab or script refused by the sandbox,",
                        "3 run stopped by --timeout or Ctrl-C.",
                        "Examples:", "  wirelab run ping-basics --out /tmp/ping", "  wirelab validate labs/my-lab.yaml",
                        "  wirelab console ping-basics", "  wirelab show /tmp/ping/pc1-eth0.pcapng");
        return spec;
    }

    public static void main(String[] args) {
        signals = true;
        // a lab's script needs Groovy's runtime: a second core starts it while the lab is read and built
        if (args.length > 0 && args[0].equals("run")) GroovyRuntimeStart.inBackground();
        int rc = run(args, System.out, System.err);
        // Runtime.exit logs through System.Logger (JDK 21+), whose first use searches every jar of the class
        // path for a LoggerFinder; returning from main ends the JVM the same way (shutdown hooks, status 0)
        // once no other non-daemon thread runs
        if (rc != OK || otherNonDaemonThreadsAlive()) System.exit(rc);
    }

    private static boolean otherNonDaemonThreadsAlive() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        if (n == threads.length) return true;   // more than counted: some started meanwhile
        for (int i = 0; i < n; i++) {
            if (threads[i] != Thread.currentThread() && !threads[i].isDaemon() && threads[i].isAlive()) return true;
        }
        return false;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // picocli would otherwise load groovy.lang.Closure, and with it Groovy's whole runtime, for every command
        if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
        Io io = new Io(out, err);
        CommandLine cl = new CommandLine(new Main().spec());
        // picocli reads a command's annotations (and loads its classes) when it is added: add only the one
        // named, and all of them for the top-level usage, --version or a name to correct
        Function<Io, Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) cl.addSubcommand(named.apply(io));
        else SUBCOMMANDS.values().forEach(command -> cl.addSubcommand(command.apply(io)));
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
                    "Java " + System.getProperty("java.version") + ", Groovy " + org.codehaus.groovy.util.ReleaseInfo.getVersion()};
        }
    }
}
