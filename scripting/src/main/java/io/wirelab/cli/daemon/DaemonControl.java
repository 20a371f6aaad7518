package io.wirelab.cli.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code wirelab daemon status|stop}: this user's daemons, each asked over its socket; stale sockets are removed. */
public final class DaemonControl {
    static final long STOP_SECONDS = 60;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public DaemonControl(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** {@code args}: "daemon", then "status", "stop", or -h/--help. */
    public int run(String[] args) {
        boolean help = args.length == 2 && (args[1].equals("-h") || args[1].equals("--help"));
        if (help || args.length != 2 || !(args[1].equals("status") || args[1].equals("stop"))) {
            PrintStream usage = help ? out : err;
            usage.println("usage: wirelab daemon status|stop");
            usage.println("  status: this user's wirelab daemons (WIRELAB_DAEMON=1 uses one; see README, \"Faster start-up\")");
            usage.println("  stop:   stops them, each after the command it runs");
            return help ? 0 : 2;
        }
        Path path = DaemonDir.locate(env, System.getProperty("user.home"));
        try {
            if (!Files.exists(path)) {
                out.println("no wirelab daemon (" + path + ")");
                return 0;
            }
            String problem = DaemonDir.problem(path);
            if (problem != null) {
                err.println("wirelab daemon: " + problem + ": no daemon is used until it is this user's alone (mode 0700)");
                return 1;
            }
            DaemonDir dir = new DaemonDir(path);
            List<DaemonKey> keys = keys(dir);
            int alive = 0;
            for (DaemonKey key : keys) {
                Optional<ProcessHandle> p = pid(dir, key).flatMap(ProcessHandle::of);   // before it exits and removes its description
                String answer = ask(dir, key, args[1].equals("stop") ? Frames.STOP : Frames.STATUS);
                if (answer == null) continue;
                alive++;
                if (args[1].equals("status")) {
                    out.println(answer);
                } else {
                    out.println("stopping the daemon " + key + p.map(h -> " (pid " + h.pid() + ")").orElse(""));
                    if (p.isPresent()) p.get().onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
                }
            }
            if (alive == 0) out.println("no wirelab daemon (" + path + ")");
            return 0;
        } catch (Exception e) {
            err.println("wirelab daemon: " + e);
            return 1;
        }
    }

    private static List<DaemonKey> keys(DaemonDir dir) throws IOException {
        List<DaemonKey> keys = new ArrayList<>();
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(dir.path(), "*.sock")) {
            for (Path s : sockets) {
                String name = s.getFileName().toString();
                keys.add(new DaemonKey(name.substring(0, name.length() - ".sock".length())));
            }
        }
        keys.sort((a, b) -> a.value().compareTo(b.value()));
        return keys;
    }

    /** The daemon's answer, or null when none listens (its socket and description are then removed if no daemon holds the key). */
    private static String ask(DaemonDir dir, DaemonKey key, byte question) throws IOException {
        SocketChannel channel = Client.connect(dir.socket(key));
        if (channel == null) {
            removeIfDead(dir, key);
            return null;
        }
        try (channel) {
            new Frames.Writer(Frames.out(channel)).write(question);
            Frames.Frame answer = new Frames.Reader(Frames.in(channel)).read();
            return answer == null ? null : key + ": " + answer.text();
        }
    }

    private static void removeIfDead(DaemonDir dir, DaemonKey key) throws IOException {
        try (FileChannel lockFile = FileChannel.open(dir.lock(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) return;   // alive, still starting
            Files.deleteIfExists(dir.socket(key));
            Files.deleteIfExists(dir.info(key));
        }
    }

    private static Optional<Long> pid(DaemonDir dir, DaemonKey key) {
        try {
            for (String line : Files.readAllLines(dir.info(key)))
                if (line.startsWith("pid=")) return Optional.of(Long.parseLong(line.substring(4)));
        } catch (IOException | NumberFormatException e) {
            // no description: nothing to wait for
        }
        return Optional.empty();
    }
}
