package io.wirelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The lab file shown in README.md runs as printed. */
class ReadmeExampleTest {
    @TempDir Path dir;

    @Test void readmeLabRuns() throws Exception {
        Path readme = Path.of(System.getenv().getOrDefault("WIRELAB_REPO", "../"), "README.md");
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
        assertThat(m.find()).as("README.md has a yaml example").isTrue();
        Path lab = Files.writeString(dir.resolve("readme-lab.yaml"), m.group(1));
        CliRun run = CliRun.of("run", lab.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("4 packets transmitted, 4 received").contains("1000000 bytes in");
    }
}
