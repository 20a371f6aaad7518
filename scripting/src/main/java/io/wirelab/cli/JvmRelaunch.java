package io.wirelab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jline.utils.Signals;

/**
 * Starts a command again in a JVM with a lab's {@link JvmProfile} when the launcher's JVM does not have
 * it: the same java ({@code java.home}), class path, AOT cache and system properties, the profile's
 * flags, then WIRELAB_JAVA_OPTS (last, so they still override), and the command's own arguments. The
 * child inherits stdin, stdout and stderr; this JVM waits for it and exits with its code. A Ctrl-C
 * reaches both from the terminal: this JVM ignores it, and passes a SIGINT or SIGTERM sent to it alone
 * on to the child as SIGTERM, which a relaunched run takes as its Ctrl-C ({@link RunStopper}), so the
 * child closes its captures and prints its last lines before this JVM exits.
 */
final class JvmRelaunch {
    /** Which profile a JVM was started with: the launcher passes batch, a relaunch the lab's profile. */
    static final String RUNNING_PROPERTY = "wirelab.jvm";
    /** Set in a relaunched JVM: it never starts another. */
    static final String RELAUNCHED_PROPERTY = "wirelab.jvm.relaunched";
    static final String USER_OPTIONS_VARIABLE = "WIRELAB_JAVA_OPTS";

    private JvmRelaunch() {}

    /** Whether this JVM is a relaunch's child. */
    static boolean isRelaunched() { return System.getProperty(RELAUNCHED_PROPERTY) != null; }

    /**
     * Whether to start again for profile: only from a JVM the launcher started (running names its
     * profile; a JVM started otherwise, as by tests, runs as it is), never from a relaunched one, and
     * only when the profile differs.
     */
    static boolean needed(JvmProfile profile, String running, String relaunched) {
        return running != null && relaunched == null && !running.equals(profile.kind().label());
    }

    /** needed() for this JVM. */
    static boolean needed(JvmProfile profile) {
        return needed(profile, System.getProperty(RUNNING_PROPERTY), System.getProperty(RELAUNCHED_PROPERTY));
    }

    /**
     * Runs the command (args as the CLI got them) in a JVM with the profile, says so in one line on err,
     * and returns its exit code. forwardStops: pass a SIGINT or SIGTERM this JVM gets on to the child as
     * SIGTERM (run); otherwise they are ignored here and the child handles its own (console).
     */
    static int run(JvmProfile profile, List<String> args, boolean forwardStops, PrintStream err) {
        List<String> command = command(profile, System.getProperty("java.home"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), userOptions(System.getenv(USER_OPTIONS_VARIABLE)),
                System.getProperty("java.class.path"), args);
        err.println("wirelab: " + profile.why() + ": running in a JVM with " + String.join(" ", profile.flags()));
        err.flush();
        Child child = new Child();
        Object previousInt = null, previousTerm = null;
        if (Main.handlesSignals()) {
            previousInt = Signals.register("INT", forwardStops ? child::stop : () -> { });
            previousTerm = Signals.register("TERM", child::stop);
        }
        try {
            return child.run(command);
        } catch (IOException e) {
            err.println("wirelab: cannot start " + command.getFirst() + ": " + e.getMessage());
            return Main.FAILED;
        } finally {
            if (previousInt != null) Signals.unregister("INT", previousInt);
            if (previousTerm != null) Signals.unregister("TERM", previousTerm);
        }
    }

    /**
     * The child's command line: java, this JVM's options without the ones the profile sets, without the
     * user's (they come last) and without the relaunch properties; the profile's flags except what the
     * user's options set themselves; the user's options; the relaunch properties; class path, Main, args.
     */
    static List<String> command(JvmProfile profile, String javaHome, List<String> inputArguments, List<String> userOptions,
                                String classPath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(javaHome, "bin", "java").toString());
        for (String a : withoutSublist(inputArguments, userOptions)) {
            if (tuning(a) == null && !a.startsWith("-D" + RUNNING_PROPERTY + "=") && !a.startsWith("-D" + RELAUNCHED_PROPERTY)) command.add(a);
        }
        Set<Tuning> user = new HashSet<>();
        for (String a : userOptions) if (tuning(a) != null) user.add(tuning(a));
        // a heap bound of the user's own overrides the profile's whole heap: its start and young size could exceed it
        if (user.contains(Tuning.HEAP_MAX)) Collections.addAll(user, Tuning.HEAP_START, Tuning.YOUNG);
        for (String f : profile.flags()) if (!user.contains(tuning(f))) command.add(f);
        command.addAll(userOptions);
        command.add("-D" + RUNNING_PROPERTY + "=" + profile.kind().label());
        command.add("-D" + RELAUNCHED_PROPERTY + "=true");
        command.addAll(List.of("-cp", classPath, Main.class.getName()));
        command.addAll(args);
        return command;
    }

    /** WIRELAB_JAVA_OPTS split at white space, as the launcher splits it. */
    static List<String> userOptions(String value) {
        if (value == null || value.isBlank()) return List.of();
        return List.of(value.strip().split("\\s+"));
    }

    /** What a profile flag sets; null for everything else (AOT cache, properties, logging, agents). */
    enum Tuning { GC, HEAP_START, HEAP_MAX, YOUNG, JIT, PRE_TOUCH }

    static Tuning tuning(String option) {
        if (option.matches("-XX:[+-]Use\\w*GC")) return Tuning.GC;
        if (option.startsWith("-Xms") || option.startsWith("-XX:InitialHeapSize=")) return Tuning.HEAP_START;
        if (option.startsWith("-Xmx") || option.startsWith("-XX:MaxHeapSize=")) return Tuning.HEAP_MAX;
        if (option.startsWith("-Xmn") || option.startsWith("-XX:NewSize=") || option.startsWith("-XX:MaxNewSize=")) return Tuning.YOUNG;
        if (option.startsWith("-XX:TieredStopAtLevel=") || option.matches("-XX:[+-]TieredCompilation")) return Tuning.JIT;
        if (option.matches("-XX:[+-]AlwaysPreTouch")) return Tuning.PRE_TOUCH;
        return null;
    }

    /** list without the last run of elements equal to part (the launcher puts WIRELAB_JAVA_OPTS after its own). */
    static List<String> withoutSublist(List<String> list, List<String> part) {
        int at = part.isEmpty() ? -1 : Collections.lastIndexOfSubList(list, part);
        if (at < 0) return list;
        List<String> rest = new ArrayList<>(list.subList(0, at));
        rest.addAll(list.subList(at + part.size(), list.size()));
        return rest;
    }

    /** The child process; a stop asked for before it started reaches it once it has. */
    private static final class Child {
        private Process process;
        private boolean stopAsked;

        int run(List<String> command) throws IOException {
            Process p = new ProcessBuilder(command).inheritIO().start();
            synchronized (this) {
                process = p;
                if (stopAsked) p.destroy();
            }
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return p.waitFor();
                    } catch (InterruptedException e) {
                        interrupted = true;   // the child's code is what this JVM exits with: wait on
                    }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }

        /** SIGTERM to the child (Process.destroy on POSIX). */
        synchronized void stop() {
            stopAsked = true;
            if (process != null) process.destroy();
        }
    }
}
