package io.wirelab.scripting.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Compiled lab scripts on disk, per user ($XDG_CACHE_HOME/wirelab/scripts, else ~/.cache/wirelab/scripts;
 * the system property wirelab.script.cache names another directory, "off" none), so a lab run again
 * skips Groovy's parser and compiler. Only code the compiler and the sandbox accepted is ever stored
 * ({@link GroovyEngine} stores after a successful compile). An entry is keyed by the SHA-256 of the
 * code, the trust mode and the build of wirelab, Groovy and the JDK, so a changed script, a change of
 * trust or a new build misses. Entries are written whole and renamed into place; an unreadable
 * entry is a miss. Never throws: a cache that cannot be read or written only costs the compile.
 * The build's own entries for the built-in labs (system property wirelab.script.cache.builtin, set by the
 * launcher) are read when the user's cache has none, so a built-in lab's first run compiles nothing; they
 * are never written.
 */
final class ScriptCache {
    /** One compiled script: the name its classes were compiled under, and every class's bytes by binary name. */
    record Entry(String sourceName, Map<String, byte[]> classes) {}

    private static final String BUILD = build();

    private final Path dir;
    private final Path builtin;

    private ScriptCache(Path dir, Path builtin) {
        this.dir = dir;
        this.builtin = builtin;
    }

    /** The user's cache, or empty when it is turned off, no home directory is known or the build is unknown. */
    static Optional<ScriptCache> standard() {
        if (BUILD == null) return Optional.empty();
        String configured = System.getProperty("wirelab.script.cache");
        if ("off".equals(configured)) return Optional.empty();
        String shipped = System.getProperty("wirelab.script.cache.builtin");
        Path builtin = shipped == null || shipped.isBlank() ? null : Path.of(shipped);
        if (configured != null && !configured.isBlank()) return Optional.of(new ScriptCache(Path.of(configured), builtin));
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home != null && !home.isBlank() ? Path.of(home, ".cache") : null;
        return base == null ? Optional.empty() : Optional.of(new ScriptCache(base.resolve("wirelab").resolve("scripts"), builtin));
    }

    Path directory() { return dir; }

    static String key(String code, GroovyEngine.Trust trust) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((BUILD + "\0" + trust + "\0").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether code was compiled and accepted under trust before, by any name. */
    boolean accepted(String code, GroovyEngine.Trust trust) { return existing(key(code, trust) + ".classes").isPresent(); }

    Optional<Entry> load(String code, GroovyEngine.Trust trust) {
        Optional<Path> found = existing(key(code, trust) + ".classes");
        if (found.isEmpty()) return Optional.empty();
        Path f = found.get();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(f))) {
            String sourceName = in.readUTF();
            int n = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) classes.put(in.readUTF(), in.readNBytes(in.readInt()));
            return Optional.of(new Entry(sourceName, classes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void store(String code, GroovyEngine.Trust trust, Entry entry) {
        Path f = file(key(code, trust));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(entry.sourceName());
                out.writeInt(entry.classes().size());
                for (Map.Entry<String, byte[]> c : entry.classes().entrySet()) {
                    out.writeUTF(c.getKey());
                    out.writeInt(c.getValue().length);
                    out.write(c.getValue());
                }
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // a read-only or full cache directory: the next run compiles again
        }
    }

    /**
     * Whether code passed every check of {@code wirelab validate} under trust against a lab with these facts
     * (what the checks read of the lab: its device names and which run a web server) before.
     */
    boolean labChecked(String code, GroovyEngine.Trust trust, String labFacts) {
        return existing(checkedFile(code, trust, labFacts).getFileName().toString()).isPresent();
    }

    /** Records that code passed validate's checks against a lab with these facts; an empty file, written whole. */
    void markLabChecked(String code, GroovyEngine.Trust trust, String labFacts) {
        Path f = checkedFile(code, trust, labFacts);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp");
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // a read-only or full cache directory: the next validate checks again
        }
    }

    private Path checkedFile(String code, GroovyEngine.Trust trust, String labFacts) {
        return dir.resolve(key(labFacts + "\0" + code, trust) + ".checked");
    }

    private Path file(String key) { return dir.resolve(key + ".classes"); }

    /** The user's file of that name, else the build's. */
    private Optional<Path> existing(String fileName) {
        Path own = dir.resolve(fileName);
        if (Files.isRegularFile(own)) return Optional.of(own);
        return Optional.ofNullable(builtin).map(b -> b.resolve(fileName)).filter(Files::isRegularFile);
    }

    /**
     * wirelab's version and build time (a rebuilt sandbox may accept less), Groovy's and the JDK's
     * versions; null when the build time is unknown.
     */
    private static String build() {
        Properties p = new Properties();
        try (InputStream in = ScriptCache.class.getResourceAsStream("/io/wirelab/cli/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return null;
        }
        String built = p.getProperty("built");
        if (built == null || built.isBlank() || built.startsWith("${")) return null;
        // ReleaseInfo, not GroovySystem, whose initialisation starts Groovy's whole runtime (validate needs none of it)
        return "wirelab " + p.getProperty("version") + " built " + built + ", Groovy " + org.codehaus.groovy.util.ReleaseInfo.getVersion() + ", Java " + Runtime.version();
    }
}
