package io.wirelab.cli.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which daemon may run a client's command: one whose JVM would run it exactly as the launcher's own
 * would. The key is a hash of the protocol, the JDK, every class path entry and the AOT cache (path,
 * size and modification time, as the JVM checks its AOT cache), the build's script cache, the working
 * directory, and the environment the code or the JVM reads (locale, time zone, home and XDG
 * directories, JVM options, WIRELAB_* but the daemon's own settings). Client and daemon compute it the
 * same way, each from what it sees.
 */
public record DaemonKey(String value) {
    /** Environment variables in the key, besides every LC_* and WIRELAB_* (but WIRELAB_DAEMON*). */
    static final List<String> ENVIRONMENT = List.of("HOME", "LANG", "LANGUAGE", "TZ", "XDG_CACHE_HOME", "XDG_CONFIG_HOME",
            "XDG_DATA_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** Hex digits of the hash kept: names stay short enough for a socket path (108 bytes on Linux). */
    static final int LENGTH = 20;

    public static DaemonKey of(String javaHome, List<Path> classPath, Path aotCache, String builtinScripts, Path workingDir,
            Map<String, String> env) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("protocol ").append(Frames.PROTOCOL).append('\n');
        s.append("java.home ").append(javaHome).append('\n');
        List<String> entries = new ArrayList<>();
        for (Path p : classPath) entries.add(stat(p));
        entries.sort(null);
        for (String e : entries) s.append("class path ").append(e).append('\n');
        s.append("aot ").append(aotCache == null ? "none" : stat(aotCache)).append('\n');
        s.append("builtin scripts ").append(builtinScripts).append('\n');
        s.append("cwd ").append(workingDir).append('\n');
        for (Map.Entry<String, String> e : keyedEnvironment(env).entrySet())
            s.append("env ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return new DaemonKey(HexFormat.of().formatHex(hash).substring(0, LENGTH));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> keyedEnvironment(Map<String, String> env) {
        Map<String, String> keyed = new TreeMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            boolean wirelab = name.startsWith("WIRELAB_") && !name.startsWith("WIRELAB_DAEMON");
            if (wirelab || name.startsWith("LC_") || ENVIRONMENT.contains(name)) keyed.put(name, e.getValue());
        }
        return keyed;
    }

    private static String stat(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return p.toAbsolutePath() + " " + a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return p.toAbsolutePath() + " missing";
        }
    }

    /**
     * A class path as the java launcher expands it: entries split at ':', "DIR/*" standing for the
     * .jar and .JAR files in DIR.
     */
    public static List<Path> expand(String classPath) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) {
            if (e.isEmpty()) continue;
            if (e.equals("*") || e.endsWith(File.separator + "*")) {
                Path dir = Path.of(e.substring(0, e.length() - 1).isEmpty() ? "." : e.substring(0, e.length() - 1));
                if (!Files.isDirectory(dir)) continue;
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    for (Path j : jars) entries.add(j);
                }
            } else {
                entries.add(Path.of(e));
            }
        }
        return entries;
    }

    @Override public String toString() { return value; }
}
