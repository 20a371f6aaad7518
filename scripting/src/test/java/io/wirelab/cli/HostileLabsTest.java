package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's hostile lab files (test resources "hostile/"): each script attack is refused by validate and
 * by run with exit 2 and a file:line:col message naming what it tried, and nothing is written: not the
 * file the attack aims at, not even the out directory (the script is checked before the lab is built).
 */
class HostileLabsTest {
    private static final Path PWNED = Path.of("/tmp/wirelab-hostile-pwned");
    private static final Pattern EXPECTED = Pattern.compile("# refused at (?:(\\S+) )?line (\\d+)");
    @TempDir static Path dir;

    static List<String> hostileLabs() throws IOException {
        try (InputStream in = HostileLabsTest.class.getResourceAsStream("/hostile/index.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @BeforeAll static void copyLabs() throws Exception {
        Files.deleteIfExists(PWNED);
        Path labs = Files.createDirectories(dir.resolve("labs"));
        for (String name : hostileLabs()) copy(name);
        copy("script-file.groovy");
    }

    private static void copy(String name) throws IOException {
        try (InputStream in = HostileLabsTest.class.getResourceAsStream("/hostile/" + name)) {
            Files.write(dir.resolve("labs").resolve(name), in.readAllBytes());
        }
    }

    @Test void theIndexListsEveryHostileFile() throws Exception {
        Path resources = Path.of(HostileLabsTest.class.getResource("/hostile/index.txt").toURI()).getParent();
        try (Stream<Path> files = Files.list(resources)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted())
                    .containsExactlyElementsOf(hostileLabs().stream().sorted().toList());
        }
        assertThat(hostileLabs()).hasSizeGreaterThanOrEqualTo(16);
    }

    @ParameterizedTest @MethodSource("hostileLabs")
    void validate_refusesWithoutRunningAnything(String name) throws Exception {
        Path lab = dir.resolve("labs").resolve(name);
        CliRun r = CliRun.of("validate", lab.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USAGE);
        assertRefusedAtTheAttack(lab, r);
        assertThat(r.out()).doesNotContain("ok");
        assertThat(PWNED).doesNotExist();
    }

    @ParameterizedTest @MethodSource("hostileLabs")
    void run_refusesBeforeBuildingTheLab_andWritesNothing(String name) throws Exception {
        Path lab = dir.resolve("labs").resolve(name);
        Path out = dir.resolve("out-" + name);
        CliRun r = CliRun.of("run", lab.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.USAGE);
        assertRefusedAtTheAttack(lab, r);
        assertThat(r.out()).doesNotContain("racing", "grabbed", "pwned", "uid=");
        assertThat(out).doesNotExist();
        assertThat(PWNED).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.equals("labs"));
        }
    }

    private static void assertRefusedAtTheAttack(Path lab, CliRun r) throws IOException {
        Matcher m = EXPECTED.matcher(Files.readString(lab));
        assertThat(m.find()).as("the file says where it must be refused").isTrue();
        Path file = m.group(1) == null ? lab : lab.resolveSibling(m.group(1));
        assertThat(r.err()).as(r.err()).containsPattern(Pattern.quote(file.toString()) + ":" + m.group(2) + ":\\d+: not allowed in lab scripts: ");
        assertThat(r.err()).doesNotContain("\tat ", "Exception");
    }
}
