package io.wirelab.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Console sessions for tests: in-process with a fake stdin, or `java ... console` as a subprocess. */
final class ConsoleSession {
    /** The long call Ctrl-C must stop: an action every virtual microsecond, run for 100000 s of lab time. */
    static final String LONG_RUN = "lab.every(1.us) { }; lab.run(100000.s)";

    /** Printed by {@link #MARKED_LONG_RUN} once that input is being evaluated, so a Ctrl-C from then on stops it. */
    static final String LONG_RUN_STARTED = "long run started";

    /** LONG_RUN after a println of LONG_RUN_STARTED (the input line itself does not contain that text). */
    static final String MARKED_LONG_RUN = "println 'long run ' + 'started'; " + LONG_RUN;

    private ConsoleSession() {}

    /** Runs `wirelab console lab` in-process, stdin = input, no terminal. */
    static CliRun inProcess(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);
        ConsoleCommand cmd = new ConsoleCommand(new Io(o, e), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), false);
        int rc = new picocli.CommandLine(cmd).execute(args);
        return new CliRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command line that starts the CLI in a new JVM with this test's class path. */
    static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        // a JVM started from a background job inherits SIGINT as ignored and cannot handle it; env resets it
        cmd.addAll(List.of("env", "--default-signal=INT"));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.wirelab.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The lines of text from the first line containing from (inclusive) up to the next prompt or blank line. */
    static String section(String text, String from, int lines) {
        int at = text.indexOf(from);
        if (at < 0) return "";
        List<String> out = new ArrayList<>();
        for (String l : text.substring(at).lines().limit(lines).toList()) out.add(l.stripTrailing());
        return String.join("\n", out);
    }
}
