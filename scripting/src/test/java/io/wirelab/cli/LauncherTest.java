package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./wirelab launcher, run on a copy of the repository's layout (the launcher, .mvn/find-jdk.sh, a
 * module's src/main, scripting/target with the jar, lib/, stamp and AOT cache) whose mvnw only records
 * that it was called: a missing, garbage or stale AOT cache changes nothing in the output; a source
 * newer than the build's stamp, or no stamp, rebuilds once.
 */
class LauncherTest {
    @TempDir Path root;
    private Path target;
    private Path jar;
    private Path source;

    @BeforeEach void layout() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Files.copy(repo.resolve("wirelab"), root.resolve("wirelab"));
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(repo.resolve(".mvn/find-jdk.sh"), root.resolve(".mvn/find-jdk.sh"));
        // the fake build: records its arguments, then puts back lib/ (the launcher removes it before building)
        Files.writeString(root.resolve("mvnw"), """
                #!/bin/sh
                echo "$@" >> "$(dirname "$0")/mvnw-called"
                cp -R "$(dirname "$0")/lib-built" "$(dirname "$0")/scripting/target/lib"
                """);
        root.resolve("mvnw").toFile().setExecutable(true);
        source = Files.createDirectories(root.resolve("labs/src/main/java")).resolve("Some.java");
        Files.writeString(source, "class Some {}\n");
        target = Files.createDirectories(root.resolve("scripting/target"));
        jar = target.resolve("scripting-0.1.0-SNAPSHOT.jar");
        jarOf(Path.of("target/classes"), jar);
        Path lib = Files.createDirectories(root.resolve("lib-built"));
        Path own = Path.of("target").toAbsolutePath();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path e = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar")) Files.copy(e, lib.resolve(e.getFileName()));
            else if (Files.isDirectory(e) && !e.startsWith(own))   // a sibling module's classes in a reactor build
                jarOf(e, lib.resolve(e.getParent().getParent().getFileName() + "-" + e.getFileName() + ".jar"));
        }
        copyTree(lib, target.resolve("lib"));
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(target.resolve("wirelab.stamp"), "built\n");
    }

    @Test void withoutAnAotCache_runsTheCliWithoutRebuilding() throws Exception {
        Run r = launch("labs");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(CliRun.of("labs").out());
        assertThat(root.resolve("mvnw-called")).doesNotExist();
    }

    @Test void aGarbageAotCache_isIgnoredSilently() throws Exception {
        Files.writeString(target.resolve("wirelab.aot"), "not an AOT cache\n");
        Run r = launch("labs");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(CliRun.of("labs").out());
    }

    @Test void anAotCacheOfAnOlderJar_isIgnoredSilently() throws Exception {
        Path aot = target.resolve("wirelab.aot");
        Process p = new ProcessBuilder(java(), "-XX:AOTCacheOutput=" + aot, "-Xlog:aot*=off,cds*=off", "-cp", jar.toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(aot).isNotEmptyFile();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 1_000));   // the jar was rebuilt since
        Run r = launch("validate", "ping-basics");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("ok\n");
    }

    @Test void commandsThatRunLabs_takeTheLabsCache_theOthersTheSmallOne() throws Exception {
        Files.writeString(target.resolve("wirelab.aot"), "not an AOT cache\n");
        Files.writeString(target.resolve("wirelab-cli.aot"), "not an AOT cache\n");
        Path labsLog = root.resolve("labs-aot.log");
        assertThat(launch(List.of("-Xlog:aot=info:file=" + labsLog), "labs").exit()).isZero();
        assertThat(Files.readString(labsLog)).contains("trying to map " + target.resolve("wirelab-cli.aot")).doesNotContain("wirelab.aot");
        Path runLog = root.resolve("run-aot.log");
        assertThat(launch(List.of("-Xlog:aot=info:file=" + runLog), "run", "ping-basics", "--out", root.resolve("out").toString()).exit()).isZero();
        assertThat(Files.readString(runLog)).contains("trying to map " + target.resolve("wirelab.aot")).doesNotContain("wirelab-cli.aot");
    }

    @Test void aSuccessfulCommand_endsWithoutRuntimeExit_aFailingOneExitsWithItsCode() throws Exception {
        Path log = root.resolve("classes.log");
        Run ok = launch(List.of("-Xlog:class+load=info:file=" + log), "labs");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).isEqualTo(CliRun.of("labs").out());
        // Runtime.exit logs through System.Logger, whose first use searches every jar of the class path
        assertThat(Files.readString(log)).contains("io.wirelab.cli.LabsCommand").doesNotContain("jdk.internal.logger.DefaultLoggerFinder");
        Run invalid = launch("validate", "no-such-lab");
        assertThat(invalid.exit()).isEqualTo(Main.USAGE);
        assertThat(invalid.err()).contains("no-such-lab");
    }

    @Test void aSourceNewerThanTheStamp_rebuildsOnce() throws Exception {
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 1_000));
        Run first = launch("labs");
        assertThat(first.err()).startsWith("wirelab: building");
        assertThat(first.out()).isEqualTo(CliRun.of("labs").out());
        assertThat(Files.readString(root.resolve("mvnw-called"))).contains("-pl scripting -am package");
        Files.setLastModifiedTime(target.resolve("wirelab.stamp"), FileTime.fromMillis(System.currentTimeMillis() + 2_000));
        Run second = launch("labs");
        assertThat(second.err()).isEmpty();
        assertThat(Files.readAllLines(root.resolve("mvnw-called"))).hasSize(1);
    }

    @Test void noStamp_rebuilds() throws Exception {
        Files.delete(target.resolve("wirelab.stamp"));
        Run r = launch("labs");
        assertThat(r.err()).startsWith("wirelab: building");
        assertThat(r.exit()).isZero();
        assertThat(target.resolve("wirelab.stamp")).exists();
    }

    /** WIRELAB_DAEMON=1: the same output through the daemon; through the launcher's own JVM when the daemon cannot be used. */
    @Test void withTheDaemon_commandsPrintTheSame_andRunInProcessWhenItCannotBeUsed() throws Exception {
        Path runtime = root.resolve("rt");
        Map<String, String> env = Map.of("WIRELAB_DAEMON", "1", "WIRELAB_DAEMON_DIR", runtime.toString(), "XDG_CACHE_HOME", root.resolve("cache").toString());
        try {
            Run labs = launch(env, List.of(), "labs");
            assertThat(labs).isEqualTo(new Run(0, CliRun.of("labs").out(), io.wirelab.cli.daemon.Client.STARTING + "\n"));
            try (Stream<Path> files = Files.list(runtime)) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".sock"));
            }
            Run invalid = launch(env, List.of(), "validate", "no-such-lab");
            assertThat(invalid.exit()).isEqualTo(Main.USAGE);
            assertThat(invalid.err()).isEqualTo(CliRun.of("validate", "no-such-lab").err());
            assertThat(launch(env, List.of(), "validate", "--trust", "ping-basics")).isEqualTo(new Run(0, "ok\n", ""));   // not for the daemon
            assertThat(launch(env, List.of(), "daemon", "stop").out()).startsWith("stopping the daemon ");
            Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(launch(env, List.of(), "labs")).isEqualTo(new Run(0, labs.out(), ""));
        } finally {
            if (Files.isDirectory(runtime)) {
                Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                launch(env, List.of(), "daemon", "stop");
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run launch(String... args) throws Exception { return launch(List.of(), args); }

    private Run launch(List<String> javaOpts, String... args) throws Exception { return launch(Map.of(), javaOpts, args); }

    /** The launcher with env added (WIRELAB_DAEMON=0 unless env says otherwise: a user's setting must not change these tests). */
    private Run launch(Map<String, String> env, List<String> javaOpts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", root.resolve("wirelab").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("WIRELAB_DAEMON", "0");
        pb.environment().putAll(env);
        if (!javaOpts.isEmpty()) pb.environment().put("WIRELAB_JAVA_OPTS", String.join(" ", javaOpts));
        Path out = root.resolve("launch.out");
        Path err = root.resolve("launch.err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }

    private static void jarOf(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
