package io.wirelab.cli;

import io.wirelab.scripting.engine.GroovyRuntimeStart;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training runs of the build's AOT caches (JEP 483/514/515): the commands a student types most, in
 * one JVM started with {@code -XX:AOTCacheOutput}, so the cache holds their classes, linked, and their
 * method profiles. A JVM started with a cache loads every class in it, so there are two, and a cache
 * should hold only what its commands load: {@code scripts} (run without recording, first) validates and
 * runs the built-in labs to fill the script cache, so that {@code labs}, the runs of the built-in labs
 * (for run, console, grade, sweep and extcap), hits it and its cache holds no Groovy compiler; {@code cli}
 * trains the commands that only read labs (labs, validate, show, --help, --version) against it too.
 * {@code AotTraining SET OUTDIR [STAMP]}: the labs' output goes under OUTDIR, their text nowhere; then
 * STAMP, when given, is written, which tells the launcher the build is current.
 */
public final class AotTraining {
    private AotTraining() {}

    static final List<String> BUILTINS = List.of("ping-basics", "http-basics", "dhcp-dns", "tcp-bulk");

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || !List.of("scripts", "labs", "cli").contains(args[0])) {
            System.err.println("usage: AotTraining scripts|labs|cli OUTDIR [STAMP]");
            System.exit(Main.USAGE);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        if (args[0].equals("labs")) {   // as Main.main does for run: Groovy started aside, Ctrl-C taken over (RunStopper)
            GroovyRuntimeStart.inBackground();
            Main.signals = true;
        }
        List<List<String>> commands = switch (args[0]) {
            case "scripts" -> scripts(out);
            case "labs" -> labs(out);
            default -> cli();
        };
        for (List<String> command : commands) train(command, discard);
        if (args.length == 3) Files.writeString(Path.of(args[2]), "built and trained\n");
    }

    static List<List<String>> scripts(Path out) {
        List<List<String>> commands = new ArrayList<>();
        for (String lab : BUILTINS) commands.add(List.of("validate", lab));
        commands.addAll(labs(out));
        return commands;
    }

    static List<List<String>> labs(Path out) {
        List<List<String>> commands = new ArrayList<>();
        for (String lab : BUILTINS) commands.add(List.of("run", lab, "--out", out.resolve(lab).toString()));
        return commands;
    }

    static List<List<String>> cli() {
        List<List<String>> commands = new ArrayList<>(List.of(List.of("labs"), List.of("--version"), List.of("--help"), List.of("labs", "--help")));
        for (String lab : BUILTINS) commands.add(List.of("validate", lab));
        return commands;
    }

    private static void train(List<String> command, PrintStream discard) {
        int rc = Main.run(command.toArray(String[]::new), discard, discard);
        if (rc != Main.OK) throw new IllegalStateException("AOT training: wirelab " + String.join(" ", command) + " exited " + rc);
    }
}
