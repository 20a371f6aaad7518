package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step src/build/java/CacheableJars.java on copies of picocli (Java 5 classes) and bcutil (a
 * signed jar): afterwards every class is version 69 and verifies, picocli prints the same help, the jar
 * carries no signature, the JDK's AOT cache stores the classes it skipped before, and a second run leaves
 * the jars as they are.
 */
class CacheableJarsTest {
    @TempDir Path dir;
    private Path lib;
    private Path picocli;
    private Path bcutil;

    @BeforeEach void copies() throws IOException {
        lib = Files.createDirectories(dir.resolve("lib"));
        picocli = Files.copy(onClassPath("picocli-"), lib.resolve("picocli.jar"));
        bcutil = Files.copy(onClassPath("bcutil-"), lib.resolve("bcutil.jar"));
    }

    @Test void oldClasses_becomeVersion69_verify_andBehaveTheSame() throws Exception {
        Path original = Files.copy(picocli, dir.resolve("picocli-original.jar"));
        assertThat(majorVersions(picocli)).containsKey(49);

        assertThat(rewrite()).contains("picocli.jar: 228 classes to version 69");

        assertThat(majorVersions(picocli)).containsOnlyKeys(53, 69);   // 53: the untouched META-INF/versions/9/module-info
        assertThat(entryNames(picocli)).isEqualTo(entryNames(original));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {picocli.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : entryNames(picocli)) {
                if (!name.endsWith(".class") || name.contains("-info")) continue;
                Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), true, loader);   // links: the verifier checks the new frames
            }
        }
        assertThat(java(List.of(), picocli, "picocli.AutoComplete", "--help"))
                .isEqualTo(java(List.of(), original, "picocli.AutoComplete", "--help")).contains("Usage: picocli.AutoComplete");
    }

    @Test void aSignedJar_losesItsSignatureAndDigests_keepsEverythingElse() throws Exception {
        List<String> before = entryNames(bcutil);
        assertThat(before).contains("META-INF/BCRSA204.SF");

        assertThat(rewrite()).contains("bcutil.jar: signature removed");

        List<String> after = entryNames(bcutil);
        assertThat(after).noneMatch(name -> name.matches("META-INF/[^/]*\\.(SF|RSA|DSA|EC)"));
        assertThat(after).containsAll(before.stream().filter(name -> !name.matches("META-INF/[^/]*\\.(SF|RSA|DSA|EC)")).toList());
        try (JarFile jar = new JarFile(bcutil.toFile())) {
            assertThat(jar.getManifest().getEntries()).isEmpty();
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName")).isEqualTo("bcutil");
        }
    }

    @Test void theAotCache_storesTheRewrittenClasses() throws Exception {
        Path original = Files.copy(picocli, dir.resolve("picocli-original.jar"));
        rewrite();
        assertThat(loadedFromAotCache(original)).isFalse();
        assertThat(loadedFromAotCache(picocli)).isTrue();
    }

    @Test void aSecondRun_changesNothing() throws Exception {
        rewrite();
        FileTime picocliTime = Files.getLastModifiedTime(picocli);
        FileTime bcutilTime = Files.getLastModifiedTime(bcutil);
        assertThat(rewrite()).isEmpty();
        assertThat(Files.getLastModifiedTime(picocli)).isEqualTo(picocliTime);
        assertThat(Files.getLastModifiedTime(bcutil)).isEqualTo(bcutilTime);
    }

    /** Trains a cache on picocli's help, then reports whether a run with it took picocli.CommandLine from it. */
    private boolean loadedFromAotCache(Path jar) throws Exception {
        Path cache = dir.resolve(jar.getFileName() + ".aot");
        java(List.of("-XX:AOTCacheOutput=" + cache, "-Xlog:aot*=off,cds*=off"), jar, "picocli.AutoComplete", "--help");
        String log = java(List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off,cds*=off", "-Xlog:class+load"), jar, "picocli.AutoComplete", "--help");
        assertThat(log).contains("picocli.CommandLine source: ");
        return log.contains("picocli.CommandLine source: shared objects file");
    }

    private String rewrite() throws Exception {
        Path tool = Path.of("src/build/java/CacheableJars.java").toAbsolutePath();
        return run(List.of(javaBin(), "-cp", onClassPath("asm-").toString(), tool.toString(), lib.toString()), 0);
    }

    private String java(List<String> options, Path jar, String... mainAndArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", jar.toString()));
        Collections.addAll(cmd, mainAndArgs);
        return run(cmd, 0);
    }

    private String run(List<String> cmd, int expectedExit) throws Exception {
        Path out = Files.createTempFile(dir, "run", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished: %s", cmd).isTrue();
        String text = Files.readString(out);
        assertThat(p.exitValue()).as("exit of %s: %s", cmd, text).isEqualTo(expectedExit);
        return text;
    }

    private static Map<Integer, Integer> majorVersions(Path jar) throws IOException {
        Map<Integer, Integer> counts = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.getName().endsWith(".class")) continue;
                try (InputStream in = file.getInputStream(entry)) {
                    byte[] head = in.readNBytes(8);
                    counts.merge((head[6] & 0xff) << 8 | head[7] & 0xff, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static List<String> entryNames(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    private static Path onClassPath(String jarPrefix) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.getFileName().toString().startsWith(jarPrefix) && entry.endsWith(".jar")) return p;
        }
        throw new IllegalStateException(jarPrefix + "*.jar is not on the test class path");
    }

    private static String javaBin() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }
}
