package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's training sets: after {@code scripts} the runs the labs cache is trained on hit the script
 * cache, so that cache holds no Groovy parser (a JVM started with it would load it for every run).
 */
class AotTrainingTest {
    @TempDir Path dir;

    @Test void afterTheScriptsSet_theLabsSetParsesNoScript() throws Exception {
        Path scriptCache = dir.resolve("script-cache");
        assertThat(train("scripts", scriptCache)).contains("org.apache.groovy.parser.antlr4.AstBuilder ");   // it compiled them
        String labs = train("labs", scriptCache);
        assertThat(labs).contains("io.wirelab.cli.RunCommand ").doesNotContain("org.apache.groovy.parser.antlr4.AstBuilder ");
        for (String lab : AotTraining.BUILTINS) assertThat(dir.resolve("out").resolve(lab)).isDirectory();
    }

    /** Runs the set in a JVM of its own and returns its class-load log. */
    private String train(String set, Path scriptCache) throws Exception {
        Path log = dir.resolve(set + "-classes.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-Dwirelab.script.cache=" + scriptCache, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AotTraining.class.getName(), set, dir.resolve("out").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(set + ".out").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve(set + ".out"))).isZero();
        return Files.readString(log);
    }

    @Test void theScriptsSet_validatesAndRunsEveryLabTheLabsSetRuns() {
        List<List<String>> scripts = AotTraining.scripts(dir);
        for (List<String> run : AotTraining.labs(dir)) assertThat(scripts).contains(run, List.of("validate", run.get(1)));
    }
}
