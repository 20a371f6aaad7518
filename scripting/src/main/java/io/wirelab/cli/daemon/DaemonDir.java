package io.wirelab.cli.daemon;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The per-user directory of the daemons' sockets, locks, logs and descriptions: WIRELAB_DAEMON_DIR when
 * set, else $XDG_RUNTIME_DIR/wirelab, else ${XDG_CACHE_HOME:-~/.cache}/wirelab/daemon. It must be a
 * directory owned by this user with mode 0700 (created so); otherwise no daemon is used.
 */
public record DaemonDir(Path path) {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    public static Path locate(Map<String, String> env, String userHome) {
        String set = env.get("WIRELAB_DAEMON_DIR");
        if (set != null && !set.isEmpty()) return Path.of(set).toAbsolutePath();
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) return Path.of(runtime, "wirelab");
        String cache = env.get("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(userHome, ".cache");
        return base.resolve("wirelab").resolve("daemon");
    }

    /** Creates the directory (0700) if missing; fails when it is not this user's alone. */
    public static DaemonDir open(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(path.getParent());
            try {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // another client made it meanwhile: checked below like any other
            }
        }
        String problem = problem(path);
        if (problem != null) throw new IOException(problem);
        return new DaemonDir(path);
    }

    /** What is wrong with the directory for the daemon's sockets, or null. */
    public static String problem(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) return path + " is not a directory";
        Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!owner.equals(self)) return path + " belongs to user id " + owner + ", not to this user (" + self + ")";
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!mode.equals(OWNER_ONLY)) return path + " has mode " + PosixFilePermissions.toString(mode) + ", not rwx------";
        return null;
    }

    public Path socket(DaemonKey key) { return path.resolve(key + ".sock"); }

    /** Held by the live daemon of a key for its whole life. */
    public Path lock(DaemonKey key) { return path.resolve(key + ".lock"); }

    public Path log(DaemonKey key) { return path.resolve(key + ".log"); }

    /** pid, start time, working directory and version of the daemon, for {@code wirelab daemon status}. */
    public Path info(DaemonKey key) { return path.resolve(key + ".info"); }
}
