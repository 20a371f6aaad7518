package io.wirelab.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A user's setting for daemon tests, all under one temporary directory: the daemons' directory (rt),
 * the XDG cache (script cache), and working directories. Starts the client, and the CLI in a JVM of its
 * own, as processes from this build's classes (the test class path), and speaks the protocol directly.
 */
final class DaemonFixture implements AutoCloseable {
    final Path root;
    final Path runtime;
    final Map<String, String> env;

    DaemonFixture(Path root) throws IOException {
        this.root = root;
        this.runtime = root.resolve("rt");
        this.env = new java.util.HashMap<>(System.getenv());
        env.put("WIRELAB_DAEMON_DIR", runtime.toString());
        env.put("XDG_CACHE_HOME", Files.createDirectories(root.resolve("cache")).toString());
        env.remove("WIRELAB_JAVA_OPTS");
    }

    record Result(int exit, String out, String err) {}

    static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    static String classPath() { return System.getProperty("java.class.path"); }

    /** The client as the launcher starts it (without AOT caches), in cwd. */
    List<String> clientCommand(String... args) {
        List<String> c = new ArrayList<>(List.of("env", "--default-signal=INT", java(), "-Dwirelab.stderr.tty=false",
                "-Dwirelab.daemon.classpath=" + classPath(), "-Dwirelab.daemon.aot=", "-cp", classPath(), Client.class.getName()));
        c.addAll(List.of(args));
        return c;
    }

    /** The CLI in a JVM of its own, as the launcher starts it without the daemon. */
    List<String> inProcessCommand(String... args) {
        List<String> c = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-Xms16m", "-Dwirelab.stderr.tty=false",
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath(), "io.wirelab.cli.Main"));
        c.addAll(List.of(args));
        return c;
    }

    Result client(Path cwd, String... args) throws Exception { return run(cwd, clientCommand(args)); }

    Result inProcess(Path cwd, String... args) throws Exception { return run(cwd, inProcessCommand(args)); }

    Process start(Path cwd, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }

    Result run(Path cwd, List<String> command) throws Exception {
        Files.createDirectories(cwd);
        Process p = start(cwd, command);
        CompletableFuture<String> out = drain(p.getInputStream()), err = drain(p.getErrorStream());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not end");
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(" + e + ")";
            }
        });
    }

    /** The keys of the daemons whose sockets are in rt. */
    List<DaemonKey> keys() throws IOException {
        List<DaemonKey> keys = new ArrayList<>();
        if (!Files.isDirectory(runtime)) return keys;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(runtime, "*.sock")) {
            for (Path p : s) keys.add(new DaemonKey(p.getFileName().toString().replace(".sock", "")));
        }
        return keys;
    }

    ProcessHandle daemon(DaemonKey key) throws IOException {
        for (String line : Files.readAllLines(runtime.resolve(key + ".info")))
            if (line.startsWith("pid=")) return ProcessHandle.of(Long.parseLong(line.substring(4))).orElseThrow();
        throw new IllegalStateException("no pid in the daemon's description");
    }

    /** A connection to the daemon of key, speaking the protocol. */
    Connection connect(DaemonKey key) throws IOException {
        SocketChannel c = Client.connect(runtime.resolve(key + ".sock"));
        if (c == null) throw new IOException("no daemon listens for " + key);
        return new Connection(c, key);
    }

    static final class Connection implements AutoCloseable {
        final SocketChannel channel;
        final DaemonKey key;
        final Frames.Reader reader;
        final Frames.Writer writer;

        Connection(SocketChannel channel, DaemonKey key) {
            this.channel = channel;
            this.key = key;
            this.reader = new Frames.Reader(Frames.in(channel));
            this.writer = new Frames.Writer(Frames.out(channel));
        }

        Frames.Frame request(String... args) throws IOException {
            writer.write(Frames.REQUEST, new Request(Frames.PROTOCOL, key.value(), List.of(args), false, "UTF-8", "UTF-8").encode());
            return reader.read();
        }

        /** The command's output up to its exit frame. */
        Result rest() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            for (Frames.Frame f; (f = reader.read()) != null; ) {
                switch (f.type()) {
                    case Frames.STDOUT -> out.write(f.payload());
                    case Frames.STDERR -> err.write(f.payload());
                    case Frames.EXIT -> { return new Result(f.intValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)); }
                    default -> throw new IOException("unexpected frame " + (char) f.type());
                }
            }
            throw new IOException("no exit frame; out so far: " + out + ", err: " + err);
        }

        @Override public void close() throws IOException { channel.close(); }
    }

    /** Stops every daemon of rt and waits for their processes to end. */
    @Override public void close() throws IOException {
        for (DaemonKey key : keys()) {
            ProcessHandle h;
            try {
                h = daemon(key);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            try (Connection c = connect(key)) {
                c.writer.write(Frames.STOP);
                c.reader.read();
            } catch (IOException e) {
                h.destroy();
            }
            try {
                h.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            }
        }
    }
}
