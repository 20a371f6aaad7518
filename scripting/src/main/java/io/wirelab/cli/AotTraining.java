package io.wirelab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the build's AOT cache (JEP 483/514/515): the commands a student types most, in
 * one JVM started with {@code -XX:AOTCacheOutput}, so the cache holds their classes, linked, and their
 * method profiles. {@code AotTraining OUTDIR STAMP}: the labs' output goes under OUTDIR, their text
 * nowhere; then STAMP is written, which tells the launcher the build is current.
 */
public final class AotTraining {
    private AotTraining() {}

    static final List<String> BUILTINS = List.of("ping-basics", "http-basics", "dhcp-dns", "tcp-bulk");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AotTraining OUTDIR STAMP");
            System.exit(Main.USAGE);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        train(List.of("labs"), discard);
        train(List.of("--version"), discard);
        for (String lab : BUILTINS) {
            train(List.of("validate", lab), discard);
            train(List.of("run", lab, "--out", out.resolve(lab).toString()), discard);
        }
        Files.writeString(Path.of(args[1]), "built and trained\n");
    }

    private static void train(List<String> command, PrintStream discard) {
        int rc = Main.run(command.toArray(String[]::new), discard, discard);
        if (rc != Main.OK) throw new IllegalStateException("AOT training: wirelab " + String.join(" ", command) + " exited " + rc);
    }
}
