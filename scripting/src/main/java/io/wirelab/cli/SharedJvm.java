package io.wirelab.cli;

import io.wirelab.console.ConsoleRepl;
import io.wirelab.labs.build.MemoryEstimate;
import io.wirelab.labs.model.LabSpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.IntConsumer;
import org.jline.utils.Signals;
import picocli.CommandLine;

/**
 * What a JVM that runs commands for others (the daemon, {@code io.wirelab.cli.daemon.Server}) needs from
 * the CLI: which commands it may run, Ctrl-C from its client instead of SIGINT (the handlers a command
 * registers, latest first, as with signals), and how a run that cannot be stopped ends the process
 * ({@link RunStopper}).
 */
public final class SharedJvm {
    /** The largest lab (by {@link MemoryEstimate}) a shared JVM runs; a larger one gets a JVM of its own. */
    public static final long LARGEST_LAB_BYTES = 64L << 20;

    private static volatile IntConsumer halt = status -> Runtime.getRuntime().halt(status);
    private static volatile boolean shared;
    private static final Interrupts INTERRUPTS = new Interrupts();

    private SharedJvm() {}

    /**
     * Null when {@code wirelab args} may run in a JVM shared with other runs, else why not: only run,
     * validate and labs; never with --trust (a trusted script may leave state behind), never a real-time,
     * paced, live-streamed or bridged run, never a lab larger than {@link #LARGEST_LAB_BYTES}. Arguments
     * picocli rejects, or a lab that cannot be read, may run: the command reports them as it would anywhere.
     */
    public static String whyNot(String[] args) {
        if (args.length == 0 || !(args[0].equals("run") || args[0].equals("validate") || args[0].equals("labs")))
            return "only run, validate and labs";
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Io quiet = new Io(new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
        String lab;
        try {
            switch (args[0]) {
                case "run" -> {
                    RunCommand run = new RunCommand(quiet);
                    new CommandLine(run.spec()).parseArgs(rest);
                    if (run.trust) return "--trust";
                    if (run.realtime || run.liveOptions.pace != null || !run.liveOptions.live.isEmpty()) return "real time or live";
                    lab = run.lab;
                }
                case "validate" -> {
                    ValidateCommand validate = new ValidateCommand(quiet);
                    new CommandLine(validate).parseArgs(rest);
                    if (validate.trust) return "--trust";
                    return null;
                }
                default -> { return null; }
            }
        } catch (CommandLine.PicocliException e) {
            return null;
        }
        if (lab == null) return null;
        LabSpec spec;
        try {
            spec = LabSource.load(lab);
        } catch (Exception e) {
            return null;
        }
        if (spec.hasBridges()) return "bridged";
        if (MemoryEstimate.of(spec).bytes() > LARGEST_LAB_BYTES) return "large";
        return null;
    }

    /** From now on Ctrl-C comes from {@link #interrupt()}, and commands handle it as they do when {@link Main#main} runs. */
    public static void shareThisJvm() {
        shared = true;
        Main.signals = true;
    }

    /** Runs action on Ctrl-C (SIGINT, or {@link #interrupt()} in a shared JVM) until the returned undo runs. */
    static Runnable onInterrupt(Runnable action) {
        if (!shared) {
            Object previous = ConsoleRepl.onInterrupt(action);
            return () -> Signals.unregister("INT", previous);
        }
        return INTERRUPTS.add(action);
    }

    /** The client's Ctrl-C in a shared JVM: runs the latest handler; false when the command has none (SIGINT would end its JVM). */
    public static boolean interrupt() { return INTERRUPTS.interrupt(); }

    /** Ctrl-C handlers, the latest first, as sun.misc.Signal keeps them (each registration returns how to undo it). */
    static final class Interrupts {
        private final Deque<Runnable> handlers = new ArrayDeque<>();

        synchronized Runnable add(Runnable action) {
            handlers.push(action);
            return () -> {
                synchronized (this) { handlers.remove(action); }
            };
        }

        boolean interrupt() {
            Runnable handler;
            synchronized (this) { handler = handlers.peek(); }
            if (handler == null) return false;
            handler.run();
            return true;
        }
    }

    /** What ends the process when a run cannot be stopped (default: halt); the daemon tells its client first. */
    public static void onHalt(IntConsumer action) { halt = action; }

    static void halt(int status) { halt.accept(status); }
}
