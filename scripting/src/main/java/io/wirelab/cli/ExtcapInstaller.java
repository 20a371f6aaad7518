package io.wirelab.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code wirelab extcap --install}: writes wirelab-extcap, a shell wrapper that runs this wirelab's
 * `extcap` command with the same Java and class path, into the user's Wireshark extcap folder.
 */
final class ExtcapInstaller {
    static final String SCRIPT = "wirelab-extcap";

    private final Io io;

    ExtcapInstaller(Io io) { this.io = io; }

    int install(Path dir, Map<String, String> env) {
        Path target = dir != null ? dir : personalExtcapDir(env);
        Path script = target.resolve(SCRIPT);
        try {
            Files.createDirectories(target);
            Files.writeString(script, wrapper(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            io.err().println("wirelab extcap: cannot write " + script + ": " + e.getMessage());
            return Main.FAILED;
        }
        io.out().println("installed " + script);
        io.out().println("restart Wireshark: its capture dialog lists " + ExtcapCommand.INTERFACE + " (also: tshark -D)");
        return Main.OK;
    }

    /**
     * The personal extcap folder of the installed Wireshark: "Personal Extcap path" in `tshark -G folders`
     * (4.2 and later), else the extcap folder in the personal configuration (4.0 and earlier), else
     * ~/.local/lib/wireshark/extcap when tshark is not installed.
     */
    static Path personalExtcapDir(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path fallback = Path.of(home, ".local", "lib", "wireshark", "extcap");
        String personalConfig = null;
        for (String line : tsharkFolders(env)) {
            int tab = line.indexOf(':');
            if (tab < 0) continue;
            String key = line.substring(0, tab).strip(), value = line.substring(tab + 1).strip();
            if (key.equalsIgnoreCase("Personal Extcap path") && !value.isEmpty()) return Path.of(value);
            if (key.equalsIgnoreCase("Personal configuration") && !value.isEmpty()) personalConfig = value;
        }
        return personalConfig != null ? Path.of(personalConfig, "extcap") : fallback;
    }

    private static List<String> tsharkFolders(Map<String, String> env) {
        Path tshark = null;
        for (String d : env.getOrDefault("PATH", "").split(File.pathSeparator))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "tshark"))) {
                tshark = Path.of(d, "tshark");
                break;
            }
        if (tshark == null) return List.of();                    // no tshark: the default folder
        try {
            ProcessBuilder pb = new ProcessBuilder(tshark.toString(), "-G", "folders").redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
            return out.lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * #!/bin/sh, then exec this JVM with this class path on `wirelab extcap "$@"`; the queries Wireshark
     * makes at its start-up get a JVM that starts fast rather than one that runs fast.
     */
    static String wrapper() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "#!/bin/sh\n"
                + "# Wireshark extcap for wirelab (written by: wirelab extcap --install). Lists wirelab labs in\n"
                + "# Wireshark's capture dialog and streams an interface of a running lab.\n"
                + "case \" $* \" in\n"
                + "  *\" --capture \"*) quick= ;;\n"
                + "  *) quick='-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto' ;;\n"
                + "esac\n"
                + "exec " + quote(java) + " $quick --enable-native-access=ALL-UNNAMED -cp " + quote(classPath())
                + " io.wirelab.cli.Main extcap \"$@\"\n";
    }

    /** The jar this class came from and its lib/ folder (the launcher's layout), or the JVM's class path. */
    static String classPath() {
        try {
            Path from = Path.of(ExtcapInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = from.resolveSibling("lib");
            if (Files.isRegularFile(from) && Files.isDirectory(lib)) return from + File.pathSeparator + lib + File.separator + "*";
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the class path as given
        }
        List<String> parts = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator))
            if (!p.isEmpty()) parts.add(Path.of(p).toAbsolutePath().toString());
        return String.join(File.pathSeparator, parts);
    }

    static String quote(String s) { return "'" + s.replace("'", "'\"'\"'") + "'"; }
}
