package io.wirelab.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client process against a stand-in daemon on the socket of its key: it writes stdout and stderr
 * in the order the daemon sent them, exits with the command's status, passes Ctrl-C on, sends the
 * command back to the launcher (75, nothing written) when the daemon will not run it, and says so when
 * the daemon ends in the middle of a command.
 */
class ClientTest {
    @TempDir Path dir;
    private DaemonFixture f;
    private Path cwd;
    private ServerSocketChannel listener;

    @BeforeEach void standIn() throws IOException {
        f = new DaemonFixture(dir);
        cwd = Files.createDirectories(dir.resolve("a"));
        Files.createDirectory(f.runtime, PosixFilePermissions.asFileAttribute(DaemonDir.OWNER_ONLY));
        DaemonKey key = new Setup(System.getProperty("java.home"), DaemonFixture.classPath(), "", null, "", "").key(cwd, f.env);
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(f.runtime.resolve(key + ".sock")));
    }

    /** Accepts one connection, checks the request, then runs script on it. */
    private CompletableFuture<Request> answer(Script script) {
        ServerSocketChannel l = listener;
        return CompletableFuture.supplyAsync(() -> {
            try (l; SocketChannel c = l.accept()) {
                Frames.Reader r = new Frames.Reader(Frames.in(c));
                Frames.Frame q = r.read();
                assertThat(q.type()).isEqualTo(Frames.REQUEST);
                script.run(r, new Frames.Writer(Frames.out(c)));
                return Request.decode(q.payload());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface Script { void run(Frames.Reader in, Frames.Writer out) throws IOException; }

    private static byte[] text(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test void stdoutAndStderr_comeOutInTheDaemonsOrder_andTheExitStatusIsTheCommands() throws Exception {
        CompletableFuture<Request> served = answer((in, out) -> {
            out.write(Frames.RUNNING);
            out.write(Frames.STDOUT, text("one\n"));
            out.write(Frames.STDERR, text("two\n"));
            out.write(Frames.STDOUT, text("thr"));
            out.write(Frames.STDERR, text("four\n"));
            out.write(Frames.STDOUT, text("ee\n"));
            out.writeInt(Frames.EXIT, 3);
        });
        ProcessBuilder pb = new ProcessBuilder(f.clientCommand("run", "ping-basics", "--out", "x y")).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(f.env);
        Process p = pb.start();
        String both = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(both).isEqualTo("one\ntwo\nthrfour\nee\n");
        assertThat(p.exitValue()).isEqualTo(3);
        Request q = served.get();
        assertThat(q.args()).containsExactly("run", "ping-basics", "--out", "x y");
        assertThat(q.stderrTty()).isFalse();
        assertThat(q.stdoutEncoding()).isNotNull();
    }

    @Test void separately_eachStreamGetsItsOwnBytes() throws Exception {
        answer((in, out) -> {
            out.write(Frames.RUNNING);
            out.write(Frames.STDERR, text("err ü\n"));
            out.write(Frames.STDOUT, text("out\n"));
            out.writeInt(Frames.EXIT, 0);
        });
        assertThat(f.client(cwd, "labs")).isEqualTo(new DaemonFixture.Result(0, "out\n", "err ü\n"));
    }

    @Test void notHere_orBusy_sendTheCommandBackToTheLauncher_withNothingWritten() throws Exception {
        answer((in, out) -> out.writeText(Frames.NOT_HERE, "bridged"));
        assertThat(f.client(cwd, "run", "ping-basics")).isEqualTo(new DaemonFixture.Result(Client.FALLBACK, "", ""));
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Path socket = Files.list(f.runtime).filter(p -> p.toString().endsWith(".sock")).findFirst().orElseThrow();
        Files.delete(socket);
        listener.bind(UnixDomainSocketAddress.of(socket));
        answer((in, out) -> out.write(Frames.BUSY));
        assertThat(f.client(cwd, "validate", "ping-basics")).isEqualTo(new DaemonFixture.Result(Client.FALLBACK, "", ""));
    }

    @Test void commandsTheDaemonNeverRuns_goBackWithoutAConnection() throws Exception {
        for (List<String> c : List.of(List.of("console", "ping-basics"), List.of("run", "ping-basics", "--trust"), List.of("run", "x", "--live", "pc1:eth0"),
                List.of("run", "x", "--realtime"), List.of("show", "a.pcapng"), List.<String>of()))
            assertThat(f.client(cwd, c.toArray(String[]::new))).as(c.toString()).isEqualTo(new DaemonFixture.Result(Client.FALLBACK, "", ""));
        assertThat(listener.isOpen()).isTrue();
    }

    @Test void ctrlC_isPassedOn_andTheCommandsStatusEndsTheClient() throws Exception {
        answer((in, out) -> {
            out.write(Frames.RUNNING);
            out.write(Frames.STDOUT, text("looping\n"));
            Frames.Frame ctrlC = in.read();
            assertThat(ctrlC.type()).isEqualTo(Frames.INTERRUPT);
            out.write(Frames.STDERR, text("stopped\n"));
            out.writeInt(Frames.EXIT, 3);
        });
        Process p = f.start(cwd, f.clientCommand("run", "endless.yaml"));
        CompletableFuture<String> err = DaemonFixture.drain(p.getErrorStream());
        byte[] looping = p.getInputStream().readNBytes(8);
        assertThat(new String(looping, StandardCharsets.UTF_8)).isEqualTo("looping\n");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
        assertThat(err.get()).isEqualTo("stopped\n");
    }

    @Test void aDaemonThatEndsDuringTheCommand_isReported_exit1() throws Exception {
        answer((in, out) -> {
            out.write(Frames.RUNNING);
            out.write(Frames.STDOUT, text("half"));
        });
        DaemonFixture.Result r = f.client(cwd, "run", "ping-basics");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("half");
        assertThat(r.err()).startsWith("wirelab: the daemon ended during the command (the connection closed); its log: " + f.runtime);
    }
}
