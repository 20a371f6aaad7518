package io.wirelab.cli.daemon;

import io.wirelab.cli.Main;
import io.wirelab.cli.SharedJvm;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.codehaus.groovy.reflection.ClassInfo;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * One connection to the daemon: a status or stop question, or one command run as {@code Main.main}
 * would run it in a JVM of its own. For the command's duration System.out and System.err are streams
 * to the client built as the JVM builds its own (128-byte buffer, flushed at each line, the client's
 * encodings), System.in is empty, wirelab.stderr.tty is the client's, and the thread is "main"; the
 * system properties are put back afterwards. The client's Ctrl-C goes to the command's own handler
 * (RunStopper, through {@link SharedJvm#interrupt()}) or, when it has none, ends the daemon with status
 * 130 as SIGINT ends a JVM.
 */
final class Served {
    private final Server server;
    private final SocketChannel channel;
    private final Frames.Writer writer;
    private volatile List<String> args = List.of();
    private volatile boolean running;
    private volatile boolean finishing;

    Served(Server server, SocketChannel channel) {
        this.server = server;
        this.channel = channel;
        this.writer = new Frames.Writer(Frames.out(channel));
    }

    List<String> args() { return args; }

    /** Whether the command is between its start and its end (Ctrl-C then ends the JVM unless the command handles it). */
    boolean running() { return running; }

    /** Whether the command has ended and its client has its status: the daemon only tidies up. */
    boolean finishing() { return finishing; }

    void serve() {
        try (channel) {
            Frames.Reader reader = new Frames.Reader(Frames.in(channel));
            Frames.Frame first = reader.read();
            if (first == null) return;
            switch (first.type()) {
                case Frames.STATUS -> writer.writeText(Frames.TEXT, server.status());
                case Frames.STOP -> {
                    server.stop();
                    writer.writeText(Frames.TEXT, "stopping");
                }
                case Frames.REQUEST -> command(Request.decode(first.payload()), reader);
                default -> writer.writeText(Frames.NOT_HERE, "unexpected frame " + (char) first.type());
            }
        } catch (IOException | RuntimeException e) {
            server.log().println("wirelab daemon: connection: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.closed();
        }
    }

    private void command(Request request, Frames.Reader reader) throws IOException, InterruptedException {
        if (request.protocol() != Frames.PROTOCOL || !server.key().value().equals(request.key())) {
            writer.writeText(Frames.NOT_HERE, "another protocol or key");
            return;
        }
        if (!server.acquire(this)) {
            server.sentBack();
            writer.write(Frames.BUSY);
            return;
        }
        try {
            if (!server.current()) {
                server.sentBack();
                writer.writeText(Frames.NOT_HERE, "the build changed since the daemon started");
                server.stop();
                return;
            }
            String why = SharedJvm.whyNot(request.args().toArray(String[]::new));
            if (why != null) {
                server.sentBack();
                writer.writeText(Frames.NOT_HERE, why);
                return;
            }
            args = request.args();
            writer.write(Frames.RUNNING);
            Thread.ofPlatform().daemon().name("wirelab-daemon-client").start(() -> listen(reader));
            Outcome outcome = run(request);
            server.ran();
            if (!outcome.clean()) {
                server.stop();
                writer.last(Frames.EXIT, ByteBuffer.allocate(4).putInt(outcome.exit()).array());
                server.log().println("wirelab daemon: the command left the JVM in a state of its own (see above); exiting");
                System.exit(Main.FAILED);
            }
            finishing = true;
            writer.last(Frames.EXIT, ByteBuffer.allocate(4).putInt(outcome.exit()).array());
            forgetScriptClasses();
            System.gc();   // the command's garbage, now rather than in the next command
        } finally {
            server.release(this);
        }
    }

    /** How a command ended: its exit status, and whether the JVM is as clean as before (no thread of it left, no Error). */
    private record Outcome(int exit, boolean clean) {}

    /** Runs the command (a PrintStream to a client that is gone fails silently, as on a closed pipe). */
    private Outcome run(Request request) {
        PrintStream savedOut = System.out, savedErr = System.err;
        InputStream savedIn = System.in;
        Properties saved = (Properties) System.getProperties().clone();
        Thread thread = Thread.currentThread();
        String savedName = thread.getName();
        Set<Thread> before = nonDaemonThreads();
        PrintStream out = stream(Frames.STDOUT, request.stdoutEncoding()), err = stream(Frames.STDERR, request.stderrEncoding());
        boolean clean = true;
        int rc;
        System.setOut(out);
        System.setErr(err);
        System.setIn(InputStream.nullInputStream());
        System.setProperty("wirelab.stderr.tty", Boolean.toString(request.stderrTty()));
        if (request.stdoutEncoding() != null) System.setProperty("stdout.encoding", request.stdoutEncoding());
        if (request.stderrEncoding() != null) System.setProperty("stderr.encoding", request.stderrEncoding());
        thread.setName("main");
        running = true;
        try {
            rc = Main.run(request.args().toArray(String[]::new), out, err);
        } catch (Throwable t) {
            // as the JVM's default handler reports an exception that ends main
            err.print("Exception in thread \"main\" ");
            t.printStackTrace(err);
            rc = Main.FAILED;
            clean = false;
        } finally {
            running = false;
            out.flush();
            err.flush();
            thread.setName(savedName);
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
            restore(saved);
        }
        Set<Thread> left = nonDaemonThreads();
        left.removeAll(before);
        if (!left.isEmpty()) {
            server.log().println("wirelab daemon: wirelab " + String.join(" ", request.args()) + " left threads running: " + left);
            clean = false;   // Main.main would have ended them with System.exit
        }
        return new Outcome(rc, clean);
    }

    /** Called by the daemon when the command ends its JVM: the client exits with status. */
    void exited(int status) {
        writer.last(Frames.EXIT, ByteBuffer.allocate(4).putInt(status).array());
    }

    /** The client's frames during the command: Ctrl-C; if the client ends first (killed), so does the daemon, as the command's own JVM would. */
    private void listen(Frames.Reader reader) {
        try {
            Frames.Frame f;
            while ((f = reader.read()) != null) {
                if (f.type() == Frames.INTERRUPT && !SharedJvm.interrupt() && running)
                    server.exitDuringRun(this, 128 + 2, false);   // SIGINT's default: the JVM exits with 130
            }
        } catch (IOException e) {
            // the client is gone
        }
        if (running) server.exitDuringRun(this, Main.FAILED, false);
    }

    private PrintStream stream(byte type, String encoding) {
        BufferedOutputStream buffered = new BufferedOutputStream(writer.stream(type), 128);
        return new PrintStream(buffered, true, encoding == null ? Charset.defaultCharset() : Charset.forName(encoding, StandardCharsets.UTF_8));
    }

    /**
     * Groovy keeps a ClassInfo and a metaclass for every class it has seen, in caches of its own that outlive
     * a class loader: the classes of the command's scripts (each run defines them in a loader of its own)
     * would stay reachable through them, a few hundred KB a run. Forgets every class not of the daemon's own
     * class path (or the JDK's).
     */
    static void forgetScriptClasses() {
        ClassLoader own = Served.class.getClassLoader();
        for (ClassInfo info : ClassInfo.getAllClassInfo()) {
            Class<?> c = info.getTheClass();
            if (c != null && !loadedBy(c.getClassLoader(), own)) InvokerHelper.removeClass(c);
        }
    }

    /** Whether loader is own or one of its parents (null: the boot loader). */
    private static boolean loadedBy(ClassLoader loader, ClassLoader own) {
        for (ClassLoader l = own; l != null; l = l.getParent()) if (l == loader) return true;
        return loader == null;
    }

    private static Set<Thread> nonDaemonThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) if (!t.isDaemon() && t.isAlive()) threads.add(t);
        return threads;
    }

    private static void restore(Properties saved) {
        Properties now = System.getProperties();
        for (Object k : now.keySet().toArray()) if (!saved.containsKey(k)) now.remove(k);
        for (String k : saved.stringPropertyNames()) {
            String v = saved.getProperty(k);
            if (!v.equals(now.getProperty(k))) now.setProperty(k, v);
        }
    }
}
