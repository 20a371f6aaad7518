package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirelab run} in a JVM of its own starts Groovy's runtime on a second thread while the lab is read and
 * built (the JVM's class initialisation log names the thread), and the run prints what a run in the tests' JVM
 * prints; commands that run no script leave Groovy alone.
 */
class GroovyRuntimeStartTest {
    private static final String REGISTRY = "'org/codehaus/groovy/runtime/metaclass/MetaClassRegistryImpl'";

    @TempDir Path dir;

    private record Ran(int exitCode, String out, String err, String initLog) {}

    private Ran java(String... args) throws Exception {
        Path out = dir.resolve("stdout.txt"), err = dir.resolve("stderr.txt"), log = dir.resolve("init.log");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dwirelab.jvm=batch", "-Xlog:class+init=info:file=" + log,
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.wirelab.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err), Files.readString(log));
    }

    @Test void run_startsGroovysRuntimeOnItsOwnThread_andPrintsWhatARunInOneThreadPrints() throws Exception {
        CliRun inTests = CliRun.of("run", "ping-basics", "--out", dir.resolve("one").toString());
        Ran ran = java("run", "ping-basics", "--out", dir.resolve("two").toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).isEqualTo(inTests.out().replace(dir.resolve("one").toString(), dir.resolve("two").toString()));
        assertThat(ran.initLog().lines().filter(l -> l.contains(REGISTRY)))
                .singleElement().asString().endsWith("by thread \"wirelab-groovy-start\"");
    }

    @Test void validate_doesNotStartGroovy() throws Exception {
        Ran ran = java("validate", "ping-basics");
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.initLog()).doesNotContain("wirelab-groovy-start");
    }
}
