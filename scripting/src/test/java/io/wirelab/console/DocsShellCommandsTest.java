package io.wirelab.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./wirelab ...} line of a ```sh block in README.md and docs/live.md runs as shown, in a
 * shell, and exits 0 without a stack trace: in a scratch folder whose {@code ./wirelab} is this
 * build, where the lab files the lines name are README's example lab (my-lab.yaml, lab.yaml) and
 * docs/sweeps/tcp-bulk-1000.yaml (loss.yaml), /tmp/ is the scratch folder's tmp/, and HOME is the
 * scratch folder. Lines that need what a test machine lacks are skipped by rule, each rule named
 * below: a Wireshark window, root and a bridge, a FIFO that only Wireshark reads, a student's submission.
 */
class DocsShellCommandsTest {
    private static final List<String> FILES = List.of("README.md", "live.md");
    /** Why a line is not run, by what it contains. */
    private static final Map<String, String> SKIPPED = new LinkedHashMap<>();
    static {
        SKIPPED.put("wireshark ", "opens a Wireshark window");
        SKIPPED.put("sudo ", "needs root and a veth bridge");
        SKIPPED.put("=/tmp/", "streams to FIFOs that Wireshark windows read");
        SKIPPED.put(" grade ", "grades a student's submission with a teacher's rubric (GradeCommandTest runs grade)");
    }
    private static final Pattern WIRELAB_LINE = Pattern.compile("^(\\./wirelab .*?)(\\s+#.*)?$");

    @TempDir Path dir;

    private Path scratch() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path w = dir.resolve("wirelab");
        Files.writeString(w, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' io.wirelab.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        Matcher lab = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DocFiles.docs().resolveSibling("README.md")));
        assertThat(lab.find()).as("README.md has an example lab").isTrue();
        Files.writeString(dir.resolve("my-lab.yaml"), lab.group(1));
        Files.writeString(dir.resolve("lab.yaml"), lab.group(1));
        Files.copy(DocFiles.docs().resolve("sweeps/tcp-bulk-1000.yaml"), dir.resolve("loss.yaml"));
        Files.createDirectories(dir.resolve("tmp"));
        return dir;
    }

    @Test void everyWirelabLineOfReadmeAndLiveMdRunsAndExitsZero() throws Exception {
        Path sh = Tools.require("sh");
        Path work = scratch();
        List<String> ran = new ArrayList<>(), skipped = new ArrayList<>();
        for (DocFiles.Block b : DocFiles.blocks("sh")) {
            if (!FILES.contains(b.file().getFileName().toString())) continue;
            for (String raw : b.code().lines().toList()) {
                Matcher m = WIRELAB_LINE.matcher(raw.strip());
                if (!m.matches()) continue;
                String line = m.group(1).replace("/tmp/", work.resolve("tmp") + "/");
                String why = SKIPPED.entrySet().stream().filter(e -> raw.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
                if (why != null) {
                    skipped.add(raw + "  (" + why + ")");
                    continue;
                }
                ProcessBuilder pb = new ProcessBuilder(sh.toString(), "-c", "( " + line + " ) </dev/null").directory(work.toFile()).redirectErrorStream(true);
                pb.environment().put("HOME", work.toString());
                pb.environment().put("WIRESHARK_CONFIG_DIR", work.resolve("wireshark").toString());
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(b + ": " + line).isTrue();
                assertThat(p.exitValue()).as(b + ": " + line + "\n" + out).isZero();
                assertThat(out).as(b + ": " + line).doesNotContain("Exception").doesNotContain("\tat ");
                ran.add(line);
            }
        }
        assertThat(ran).as("lines run (skipped: " + skipped + ")").hasSizeGreaterThanOrEqualTo(15)
                .anySatisfy(l -> assertThat(l).contains("--live pc1:eth0 | tshark"))
                .anySatisfy(l -> assertThat(l).startsWith("./wirelab console "));
    }
}
