package io.wirelab.cli.daemon;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's client of the daemon ({@code WIRELAB_DAEMON=1 ./wirelab run|validate|labs ...}): a small
 * JVM with no dependency but the JDK that hands the command to this user's daemon for the build, the
 * working directory and the environment ({@link DaemonKey}), starting one when none runs, and relays
 * its stdout and stderr writes in order, its exit status and the user's Ctrl-C; a command that starts
 * the daemon says so first on stderr ({@link #STARTING}). Exits {@link #FALLBACK} having written none of
 * the command's output when the daemon cannot run the command (none can be started: then it says so,
 * it is busy, the command must run in a JVM of its own): the launcher then runs it in-process.
 * {@code wirelab daemon status|stop} are here too ({@link DaemonControl}).
 * Set by the launcher: wirelab.daemon.classpath, wirelab.daemon.aot, wirelab.script.cache.builtin,
 * wirelab.stderr.tty.
 */
public final class Client {
    /** EX_TEMPFAIL: nothing was done, run the command in-process. */
    public static final int FALLBACK = 75;
    /** On stderr when a command starts the daemon, terminal or not, as Gradle's "Starting a Gradle Daemon (subsequent builds will be faster)". */
    public static final String STARTING = "Starting a wirelab daemon (later commands will be faster)";
    /** How long a new daemon may take to listen before this command runs in-process instead. */
    static final long START_SECONDS = 60;

    private final Map<String, String> env;
    private volatile Frames.Writer running;   // set once the daemon runs the command

    Client(Map<String, String> env) { this.env = env; }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (args.length > 0 && args[0].equals("daemon")) {
            Runtime.getRuntime().halt(new DaemonControl(System.out, System.err, env).run(args));
        }
        Runtime.getRuntime().halt(new Client(env).run(args));
    }

    /** Whether the daemon may take wirelab args at all (it checks the rest, e.g. bridged or large labs, itself). */
    static boolean candidate(String[] args) {
        if (args.length == 0 || !List.of("run", "validate", "labs").contains(args[0])) return false;
        for (String a : args)
            if (a.startsWith("--trust") || a.startsWith("--realtime") || a.startsWith("--live") || a.startsWith("--pace")) return false;
        return true;
    }

    int run(String[] args) {
        if (!candidate(args)) return FALLBACK;
        try {
            Setup setup = Setup.fromLauncher(env);
            if (setup == null) return FALLBACK;
            DaemonDir dir = DaemonDir.open(DaemonDir.locate(env, System.getProperty("user.home")));
            DaemonKey key = setup.key(Path.of(System.getProperty("user.dir")), env);
            java.nio.channels.SocketChannel channel = connect(dir.socket(key));
            if (channel == null) {
                System.err.println(STARTING);
                channel = start(setup, dir, key) ? connect(dir.socket(key)) : null;
                if (channel == null) {
                    System.err.println("wirelab: the daemon did not start (its log: " + dir.log(key) + "); running without it");
                    return FALLBACK;
                }
            }
            return relay(channel, new Request(Frames.PROTOCOL, key.value(), List.of(args), Boolean.getBoolean("wirelab.stderr.tty"),
                    System.getProperty("stdout.encoding"), System.getProperty("stderr.encoding")), dir.log(key));
        } catch (IOException | RuntimeException e) {
            return running != null ? failedDuringRun(e.toString(), null) : FALLBACK;
        }
    }

    static java.nio.channels.SocketChannel connect(Path socket) {
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > 100) return null;   // sun_path holds 108 bytes
        try {
            java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return channel;
            } catch (IOException e) {
                channel.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    private int relay(java.nio.channels.SocketChannel channel, Request request, Path log) throws IOException {
        Frames.Writer w = new Frames.Writer(Frames.out(channel));
        Frames.Reader reader = new Frames.Reader(Frames.in(channel));
        w.write(Frames.REQUEST, request.encode());
        Frames.Frame first = reader.read();
        if (first == null || first.type() != Frames.RUNNING) return FALLBACK;
        running = w;
        forwardInterrupts();
        Output out = new Output(new FileOutputStream(FileDescriptor.out)), err = new Output(new FileOutputStream(FileDescriptor.err));
        Frames.Frame f;
        while ((f = reader.read()) != null) {
            switch (f.type()) {
                case Frames.STDOUT -> out.write(f.payload());
                case Frames.STDERR -> err.write(f.payload());
                case Frames.EXIT -> { return f.intValue(); }
                default -> throw new IOException("unexpected frame " + (char) f.type());
            }
        }
        return failedDuringRun("the connection closed", log);
    }

    private static int failedDuringRun(String why, Path log) {
        System.err.println("wirelab: the daemon ended during the command (" + why + ")" + (log != null ? "; its log: " + log : ""));
        return 1;
    }

    /**
     * Once the daemon runs the command, Ctrl-C goes to it (its handling there is the command's own); before,
     * and for TERM and HUP, this JVM ends as the command's own would (status 128 + the signal's number),
     * and the daemon with it (the connection closes in the middle of the command).
     */
    private void forwardInterrupts() {
        SignalHandling.handle("INT", number -> {
            try {
                running.write(Frames.INTERRUPT);
            } catch (IOException e) {
                // the daemon is gone: the relay loop reports it
            }
        });
    }

    /** Starts the daemon for key and waits until it listens: true if it does. */
    static boolean start(Setup setup, DaemonDir dir, DaemonKey key) throws IOException {
        Path setsid = setsid();
        if (setsid == null) return false;
        List<String> command = new ArrayList<>();
        command.add(setsid.toString());
        command.addAll(setup.serverCommand(dir));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(dir.log(key).toFile()));
        Process p = pb.start();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                return r.readLine();
            } catch (IOException e) {
                return null;
            }
        }, runnable -> Thread.ofPlatform().daemon().start(runnable));
        try {
            return "ready".equals(line.get(START_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            return false;
        }
    }

    static Path setsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) if (Files.isExecutable(Path.of(p))) return Path.of(p);
        return null;
    }

    /** stdout or stderr: the daemon's writes as they came; one that fails (a closed pipe) is dropped, as System.out drops it. */
    private record Output(OutputStream out) {
        void write(byte[] b) {
            try {
                out.write(b);
            } catch (IOException e) {
                // as PrintStream: the command goes on
            }
        }
    }
}
