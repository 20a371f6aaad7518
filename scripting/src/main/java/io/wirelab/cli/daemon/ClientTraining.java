package io.wirelab.cli.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the client's AOT cache (wirelab-client.aot, built by {@code ./mvnw package}): the
 * client hands {@code wirelab labs} to a stand-in daemon on a socket in a temporary directory, which
 * answers with a line on stdout, one on stderr and exit 0, as the real one would; the JVM recording
 * the cache runs nothing else of wirelab. The launcher's properties are set as it sets them.
 */
public final class ClientTraining {
    private ClientTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("wirelab-client-training", PosixFilePermissions.asFileAttribute(DaemonDir.OWNER_ONLY));
        try {
            System.setProperty("wirelab.daemon.classpath", System.getProperty("java.class.path"));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("WIRELAB_DAEMON_DIR", dir.toString());
            Setup setup = Setup.fromLauncher(env);
            DaemonKey key = setup.key(Path.of(System.getProperty("user.dir")), env);
            try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                listener.bind(UnixDomainSocketAddress.of(new DaemonDir(dir).socket(key)));
                Thread daemon = Thread.ofPlatform().start(() -> answer(listener));
                int rc = new Client(env).run(new String[] {"labs"});
                daemon.join();
                if (rc != 0) throw new IllegalStateException("client training: exit " + rc);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    private static void answer(ServerSocketChannel listener) {
        try (SocketChannel c = listener.accept()) {
            Frames.Reader reader = new Frames.Reader(Frames.in(c));
            Frames.Writer writer = new Frames.Writer(Frames.out(c));
            Request request = Request.decode(reader.read().payload());
            writer.write(Frames.RUNNING);
            writer.write(Frames.STDOUT, ("client training: " + String.join(" ", request.args()) + "\n").getBytes(StandardCharsets.UTF_8));
            writer.write(Frames.STDERR, "client training: stderr\n".getBytes(StandardCharsets.UTF_8));
            writer.writeInt(Frames.EXIT, 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
