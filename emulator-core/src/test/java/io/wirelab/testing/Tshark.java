package io.wirelab.testing;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark on a capture file and returns its output. Each call first does Tools.require("tshark"). */
public final class Tshark {
    /** Checksum validation on for every protocol we emit (ICMP is always validated). */
    public static final List<String> CHECK_CHECKSUMS = List.of(
            "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE");
    public static final String BAD_CHECKSUM_FILTER =
            "ip.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\""
            + " || tcp.checksum.status == \"Bad\"";
    public static final String WARNING_FILTER = "_ws.expert.severity >= \"Warning\"";

    private Tshark() {}

    /** tshark -r file ARGS...; returns stdout lines. Fails the test with stderr if tshark exits non-zero. */
    public static List<String> run(Path file, String... args) {
        Path tshark = Tools.require("tshark");
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", file.toString()));
        command.addAll(Arrays.asList(args));
        try {
            Path err = Files.createTempFile("tshark", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) { p.destroyForcibly(); Assertions.fail("tshark hung: " + command); }
                if (p.exitValue() != 0)
                    Assertions.fail("tshark exited " + p.exitValue() + ": " + command + "\n" + Files.readString(err));
                return out.isEmpty() ? List.of() : List.of(out.split("\n"));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Frames that match a display filter (null: all), with checksum validation on. */
    public static int count(Path file, String displayFilter) {
        List<String> args = new ArrayList<>(CHECK_CHECKSUMS);
        args.addAll(List.of("-T", "fields", "-e", "frame.number"));
        if (displayFilter != null) args.addAll(List.of("-Y", displayFilter));
        return run(file, args.toArray(String[]::new)).size();
    }

    public static int frames(Path file) { return count(file, null); }
    public static int malformed(Path file) { return count(file, "_ws.malformed"); }
    public static int badChecksums(Path file) { return count(file, BAD_CHECKSUM_FILTER); }
    /** Frames carrying an expert item of severity warning or error (checksum validation on). */
    public static int expertWarnings(Path file) { return count(file, WARNING_FILTER); }

    /** One row per matching frame, the fields tab-separated in the order asked; repeats joined by ','. */
    public static List<List<String>> fields(Path file, String displayFilter, String... fields) {
        List<String> args = new ArrayList<>(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String f : fields) args.addAll(List.of("-e", f));
        if (displayFilter != null) args.addAll(List.of("-Y", displayFilter));
        List<List<String>> rows = new ArrayList<>();
        for (String line : run(file, args.toArray(String[]::new))) rows.add(List.of(line.split("\t", -1)));
        return rows;
    }
}
