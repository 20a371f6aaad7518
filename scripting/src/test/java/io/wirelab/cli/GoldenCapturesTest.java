package io.wirelab.cli;

import io.wirelab.labs.run.BuiltinLabs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden captures, in two forms. Text goldens (golden/NAME.txt) hold what `wirelab show` prints, so a
 * reviewer reads the diff. Byte goldens (golden/bytes/LAB/) hold every capture of every built-in lab:
 * SHA256SUMS lists each capture's SHA-256 (`sha256sum -c` reads it), and each capture up to
 * {@link #STORED_LIMIT} bytes is kept as a .pcapng compared byte for byte; a larger one (tcp-bulk's
 * 11 MB) is checked by its SHA-256 plus CAPTURE.head.txt, the text of its first {@link #HEAD_FRAMES} frames.
 * http-basics' captures are the byte goldens of a DHCP lease (dhcp1-eth0), a DNS exchange (dns1-eth0)
 * and an HTTP and an HTTPS fetch (pc1-eth0, web1-eth0).
 * <p>
 * Regenerate every golden, from the repository root (never through tools/hbuild, whose copy is thrown away):
 * <pre>./mvnw -q -o -pl scripting -am verify -Dtest=GoldenCapturesTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true</pre>
 * Never just to make a test pass: a change of bytes on the wire must be intended; say why in the commit.
 */
class GoldenCapturesTest {
    static final int STORED_LIMIT = 200 * 1024;
    static final int HEAD_FRAMES = 200;
    private static final String REGENERATE = "./mvnw -q -o -pl scripting -am verify -Dtest=GoldenCapturesTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true";

    @TempDir Path dir;

    @Test void pingBasics() throws Exception {
        assertTextGolden("ping-basics", "pc1-eth0.pcapng", writeLab(null, "ping-basics"));
    }

    /** A 20 kB transfer on a clean 10 Mbit/s path: handshake, IW10, delayed ACKs, FIN exchange. */
    @Test void tcpSmallTransfer() throws Exception {
        Path lab = Files.writeString(dir.resolve("tcp-small.yaml"), """
                name: tcp-small
                seed: 5
                defaults:
                  link: { bandwidth: 10Mbps, delay: 5ms }
                nodes:
                  a: { kind: pc, ip: 10.0.0.1/24 }
                  b: { kind: server, ip: 10.0.0.2/24 }
                links:
                  - [a:eth0, b:eth0]
                captures: [a:eth0]
                script: |
                  b.tcpSink(9000)
                  assert a.tcpSend('10.0.0.2', 9000, 20.KB).bytes == 20000
                """);
        assertTextGolden("tcp-small", "a-eth0.pcapng", writeLab(lab, null));
    }

    static Stream<String> builtinLabs() { return BuiltinLabs.names().stream(); }

    /** Every capture of a built-in lab is byte-identical to its golden: same files, same bytes. */
    @ParameterizedTest @MethodSource("builtinLabs")
    void builtinLabCapturesAreByteIdentical(String lab) throws Exception {
        Path out = writeLab(null, lab);
        List<Path> captures = CliRun.files(out, ".pcapng");
        String sums = sha256sums(captures);
        String base = "bytes/" + lab + "/";
        if (updating()) {
            Path goldenDir = sourceGolden(base);
            if (Files.isDirectory(goldenDir)) {
                for (Path old : CliRun.files(goldenDir, "")) Files.delete(old);
            }
            Files.createDirectories(goldenDir);
            Files.writeString(goldenDir.resolve("SHA256SUMS"), sums);
            for (Path c : captures) {
                String name = c.getFileName().toString();
                if (Files.size(c) <= STORED_LIMIT) Files.copy(c, goldenDir.resolve(name));
                else Files.writeString(goldenDir.resolve(name + ".head.txt"), show(c, HEAD_FRAMES));
            }
            return;
        }
        String expectedSums = goldenText(base + "SHA256SUMS");
        for (Path c : captures) {
            String name = c.getFileName().toString();
            byte[] golden = goldenBytes(base + name);
            if (golden != null) assertSameBytes(lab, c, golden);
            else if (goldenText(base + name + ".head.txt") instanceof String head) {
                assertThat(show(c, HEAD_FRAMES)).as(differs(lab, name, "its first " + HEAD_FRAMES + " frames")).isEqualTo(head);
            }
        }
        assertThat(sums).as(differs(lab, "SHA256SUMS", "the list of captures or their SHA-256")).isEqualTo(expectedSums);
    }

    private Path writeLab(Path file, String builtin) {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("run", file != null ? file.toString() : builtin, "--out", out.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return out;
    }

    private static void assertTextGolden(String name, String capture, Path out) throws Exception {
        String text = show(out.resolve(capture), Integer.MAX_VALUE);
        if (updating()) {
            Files.writeString(sourceGolden(name + ".txt"), text);
            return;
        }
        assertThat(text).as("capture of " + name + " differs from golden/" + name + ".txt").isEqualTo(goldenText(name + ".txt"));
    }

    /** Fails at the first differing frame, printed from the golden and the new capture. */
    private void assertSameBytes(String lab, Path capture, byte[] golden) throws IOException {
        byte[] actual = Files.readAllBytes(capture);
        int at = java.util.Arrays.mismatch(actual, golden);
        if (at < 0) return;
        String name = capture.getFileName().toString();
        Path goldenFile = Files.write(dir.resolve("golden-" + name), golden);
        List<String> want = CliRun.of("show", goldenFile.toString()).out().lines().toList();
        List<String> got = CliRun.of("show", capture.toString()).out().lines().toList();
        int frame = 0;
        while (frame < want.size() && frame < got.size() && want.get(frame).equals(got.get(frame))) frame++;
        String where = frame < Math.max(want.size(), got.size())
                ? "frame " + (frame + 1) + ":\n  golden: " + line(want, frame) + "\n  now:    " + line(got, frame)
                : "byte " + at + " (every frame prints the same; look at the bytes, e.g. with tshark -x)";
        fail(differs(lab, name, where));
    }

    private static String line(List<String> lines, int i) { return i < lines.size() ? lines.get(i) : "(no frame)"; }

    private static String differs(String lab, String capture, String what) {
        return "lab " + lab + ", " + capture + " differs from golden/bytes/" + lab + " in " + what
                + "\nIf the change on the wire is intended, regenerate (from the repository root): " + REGENERATE;
    }

    private static String show(Path capture, int frames) {
        CliRun show = CliRun.of("show", "--count", String.valueOf(frames), capture.toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        return show.out();
    }

    /** The lines `sha256sum *.pcapng` prints. */
    private static String sha256sums(List<Path> captures) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path c : captures) sb.append(sha256(Files.readAllBytes(c))).append("  ").append(c.getFileName()).append('\n');
        return sb.toString();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean updating() { return Boolean.getBoolean("golden.update"); }

    /** Where -Dgolden.update=true writes: the source tree, not target/test-classes. */
    private static Path sourceGolden(String rel) {
        return Path.of(System.getenv().getOrDefault("WIRELAB_REPO", "."), "scripting/src/test/resources/golden", rel);
    }

    private static byte[] goldenBytes(String rel) {
        try (InputStream in = GoldenCapturesTest.class.getResourceAsStream("/golden/" + rel)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String goldenText(String rel) {
        byte[] b = goldenBytes(rel);
        if (b == null && rel.endsWith("SHA256SUMS")) {
            fail("no golden/" + rel + ": a new built-in lab needs byte goldens; create them with: " + REGENERATE);
        }
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
