package io.wirelab.cli.daemon;

import io.wirelab.cli.SharedJvm;
import io.wirelab.scripting.VirtualDuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wirelab daemon: one JVM that stays up between commands of one user, one build and one working
 * directory (its {@link DaemonKey}), and runs them one at a time on its clients' behalf, as Gradle's
 * daemon does. It listens on DIR/KEY.sock ({@link DaemonDir}), holds DIR/KEY.lock for its whole life
 * (at most one daemon per key), and ends after {@link #DEFAULT_IDLE} without a command
 * ({@code WIRELAB_DAEMON_IDLE}), on {@code wirelab daemon stop}, or when anything happens that would
 * have ended the JVM of the same command run in-process (Ctrl-C outside the run's own handling, a run
 * that cannot be stopped, a thread the command leaves running, an Error): it exits as that JVM would
 * and the next command starts a fresh daemon.
 * Started by {@link Client} as {@code setsid java ... Server} (no terminal: its signals are its own);
 * prints "ready" (or "running" when another daemon holds the key) on stdout once it listens, its log
 * goes to stderr.
 */
public final class Server {
    static final Duration DEFAULT_IDLE = Duration.ofHours(3);

    private final DaemonDir dir;
    private final DaemonKey key;
    private final Duration idle;
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final PrintStream log;
    private final Selector selector;
    private volatile Served busy;   // guarded by this for writes
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile boolean stopping;
    private long commandsRun;
    private long sentBack;
    /** Kept reachable: a collected channel would close and release it. */
    private static FileLock lock;

    private Server(DaemonDir dir, DaemonKey key, Duration idle, PrintStream log) throws IOException {
        this.dir = dir;
        this.key = key;
        this.idle = idle;
        this.log = log;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws IOException {
        PrintStream ready = System.out;
        PrintStream log = System.err;
        System.setOut(log);
        DaemonDir dir = DaemonDir.open(Path.of(System.getProperty("wirelab.daemon.dir")));
        DaemonKey key = ownKey();
        FileChannel lockFile = FileChannel.open(dir.lock(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.tryLock();
        if (lock == null) {
            ready.println("running");
            ready.flush();
            System.exit(0);
        }
        Server server = new Server(dir, key, idleTimeout(System.getProperty("wirelab.daemon.idle"), log), log);
        server.serve(ready);
    }

    /** The key of this JVM: its class path, AOT cache, build's script cache, working directory and environment. */
    static DaemonKey ownKey() throws IOException {
        String aot = System.getProperty("wirelab.daemon.aot");
        return DaemonKey.of(System.getProperty("java.home"), DaemonKey.expand(System.getProperty("java.class.path")),
                aot == null || aot.isEmpty() ? null : Path.of(aot), System.getProperty("wirelab.script.cache.builtin"),
                Path.of(System.getProperty("user.dir")), System.getenv());
    }

    static Duration idleTimeout(String text, PrintStream log) {
        if (text == null || text.isBlank()) return DEFAULT_IDLE;
        try {
            long nanos = VirtualDuration.parse(text.strip()).nanos();
            if (nanos > 0) return Duration.ofNanos(nanos);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        log.println("wirelab daemon: WIRELAB_DAEMON_IDLE=" + text + " is not a positive duration (e.g. 30m, 3h): " + DEFAULT_IDLE.toHours() + " h");
        return DEFAULT_IDLE;
    }

    private void serve(PrintStream ready) throws IOException {
        Path socket = dir.socket(key);
        Files.deleteIfExists(socket);   // a dead daemon's: none is alive, this one holds the lock
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeFiles, "wirelab-daemon-cleanup"));
        Files.writeString(dir.info(key), "pid=" + ProcessHandle.current().pid() + "\nstarted=" + started + "\ncwd="
                + System.getProperty("user.dir") + "\nversion=" + version() + "\n");
        SharedJvm.shareThisJvm();
        SharedJvm.onHalt(this::haltDuringRun);
        log.println("wirelab daemon " + key + " (pid " + ProcessHandle.current().pid() + ") listening on " + socket
                + ", idle timeout " + idle);
        lastUsedNanos = System.nanoTime();
        ready.println("ready");
        ready.flush();
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        while (true) {
            long waitMillis = 0;
            if (busy == null && connections.get() == 0) {
                if (stopping) break;
                long left = idle.toNanos() - (System.nanoTime() - lastUsedNanos);
                if (left <= 0) break;
                waitMillis = Math.max(1, left / 1_000_000);
            }
            selector.select(waitMillis);
            selector.selectedKeys().clear();
            SocketChannel connection;
            while ((connection = listener.accept()) != null) {
                connection.configureBlocking(true);
                connections.incrementAndGet();
                Served served = new Served(this, connection);
                Thread.ofPlatform().daemon().name("wirelab-daemon-connection").start(served::serve);
            }
        }
        log.println("wirelab daemon: " + (stopping ? "stopped" : "idle for " + idle) + ", exiting");
        listener.close();
        System.exit(0);
    }

    /**
     * Takes the daemon for one command; false when it runs another. A command that only tidies up after
     * itself (its client has its exit status) is waited for: the next command of a script comes right after.
     */
    synchronized boolean acquire(Served run) throws InterruptedException {
        while (busy != null && busy.finishing()) wait();
        if (stopping || busy != null) return false;
        busy = run;
        return true;
    }

    synchronized void release(Served run) {
        if (busy != run) return;
        busy = null;
        lastUsedNanos = System.nanoTime();
        notifyAll();
        selector.wakeup();
    }

    /** A connection ended: the idle time counts from the last one. */
    void closed() {
        lastUsedNanos = System.nanoTime();
        connections.decrementAndGet();
        selector.wakeup();
    }

    /** Counts a command the daemon ran (its status went back to its client). */
    synchronized void ran() { commandsRun++; }

    /** Counts a command the daemon sent back to run in its launcher's JVM (busy, not here, another build). */
    synchronized void sentBack() { sentBack++; }

    void stop() {
        stopping = true;
        selector.wakeup();
    }

    DaemonKey key() { return key; }

    PrintStream log() { return log; }

    /** Whether the jars, the JDK and what else the key covers are still those this JVM started with. */
    boolean current() {
        try {
            return ownKey().equals(key);
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the daemon in the middle of a command, with the status the command's own JVM would have ended with. */
    void exitDuringRun(Served run, int status, boolean halt) {
        run.exited(status);
        log.println("wirelab daemon: exiting with status " + status + " during a command, as its own JVM would");
        log.flush();
        if (halt) {
            removeFiles();
            Runtime.getRuntime().halt(status);
        }
        System.exit(status);
    }

    private void haltDuringRun(int status) {
        Served run = busy;
        if (run != null) exitDuringRun(run, status, true);
        Runtime.getRuntime().halt(status);
    }

    private void removeFiles() {
        try {
            Files.deleteIfExists(dir.socket(key));
            Files.deleteIfExists(dir.info(key));
        } catch (IOException e) {
            log.println("wirelab daemon: " + e);
        }
    }

    /**
     * What {@code wirelab daemon status} shows of this daemon. Its times are of one clock, from its start: the
     * commands it ran, and apart from them those it sent back to run in-process (which it never ran).
     */
    String status() {
        Runtime rt = Runtime.getRuntime();
        long ran, back;
        synchronized (this) {
            ran = commandsRun;
            back = sentBack;
        }
        Served run = busy;
        long now = System.nanoTime();
        return "pid " + ProcessHandle.current().pid() + ", key " + key + ", wirelab " + version() + ", Java " + Runtime.version()
                + "\n  working directory " + System.getProperty("user.dir")
                + "\n  started " + started + ", up " + Duration.ofNanos(now - startedNanos).toSeconds() + " s; "
                + ran + " command(s) run, " + back + " sent back to run in-process; "
                + (run != null ? "busy: wirelab " + String.join(" ", run.args()) : "idle for "
                        + Duration.ofNanos(now - lastUsedNanos).toSeconds() + " s of " + idle.toSeconds() + " s")
                + "\n  heap " + ((rt.totalMemory() - rt.freeMemory()) >> 20) + " MiB used of " + (rt.totalMemory() >> 20) + " MiB";
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = io.wirelab.cli.Main.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
