package io.wirelab.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reference captures, test resources under captures/ (copies of the project's Linux reference captures;
 * captures/README.md says what each holds and captures/gen/ how it was made). Read from the classpath:
 * from target/test-classes as they are, from a test jar through a copy in a temporary folder, since
 * tshark needs a file.
 */
public final class SharedCaptures {
    private static final String BASE = "/captures/";
    private static Path dir;

    private SharedCaptures() {}

    /** The folder holding the captures. */
    public static synchronized Path dir() {
        if (dir == null) dir = locate();
        return dir;
    }

    public static Path file(String name) {
        Path f = dir().resolve(name);
        if (!Files.isRegularFile(f)) throw new IllegalArgumentException("no reference capture " + name + " in " + dir());
        return f;
    }

    /** Every .pcapng and .pcap file, sorted by name. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        URL readme = SharedCaptures.class.getResource(BASE + "README.md");
        if (readme == null) throw new IllegalStateException("test resources " + BASE + " are not on the classpath");
        try {
            if (readme.getProtocol().equals("file")) return Path.of(readme.toURI()).getParent();
            try (FileSystem jar = FileSystems.newFileSystem(readme.toURI(), Map.of())) {
                return copyOut(jar.getPath(BASE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyOut(Path inJar) throws IOException {
        Path out = Files.createTempDirectory("wirelab-captures");
        out.toFile().deleteOnExit();
        try (Stream<Path> s = Files.list(inJar)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path copy = out.resolve(p.getFileName().toString());
                try (InputStream in = Files.newInputStream(p)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                copy.toFile().deleteOnExit();
            }
        }
        return out;
    }
}
