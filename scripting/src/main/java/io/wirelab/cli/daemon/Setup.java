package io.wirelab.cli.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the launcher would start wirelab's JVM, as it tells the client (system properties
 * wirelab.daemon.classpath, wirelab.daemon.aot, wirelab.script.cache.builtin) plus WIRELAB_JAVA_OPTS:
 * the daemon is started the same way, so it runs a command as that JVM would.
 */
record Setup(String javaHome, String classPath, String aotCache, String builtinScripts, String javaOpts, String idle) {
    /** The JVM options the launcher gives a command's JVM, before WIRELAB_JAVA_OPTS. */
    static final List<String> LAUNCHER_OPTIONS = List.of("-Xlog:aot*=off,cds*=off", "-XX:+UseSerialGC", "-Xms16m");

    /** From the launcher's properties, or null when it gave none (the client started by hand). */
    static Setup fromLauncher(Map<String, String> env) {
        String classPath = System.getProperty("wirelab.daemon.classpath");
        if (classPath == null || classPath.isEmpty()) return null;
        return new Setup(System.getProperty("java.home"), classPath, System.getProperty("wirelab.daemon.aot", ""),
                System.getProperty("wirelab.script.cache.builtin"), env.getOrDefault("WIRELAB_JAVA_OPTS", ""),
                env.getOrDefault("WIRELAB_DAEMON_IDLE", ""));
    }

    /** The key of the daemon that runs a command from workingDir with env as the launcher's JVM would. */
    DaemonKey key(Path workingDir, Map<String, String> env) throws IOException {
        return DaemonKey.of(javaHome, DaemonKey.expand(classPath), aotCache.isEmpty() ? null : Path.of(aotCache), builtinScripts, workingDir, env);
    }

    /** The daemon's command line (its JVM inherits this one's working directory and environment). */
    List<String> serverCommand(DaemonDir dir) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(javaHome, "bin", "java").toString());
        if (!aotCache.isEmpty() && Files.isRegularFile(Path.of(aotCache))) c.add("-XX:AOTCache=" + aotCache);
        c.addAll(LAUNCHER_OPTIONS);
        c.add("-Dwirelab.daemon.dir=" + dir.path());
        c.add("-Dwirelab.daemon.aot=" + aotCache);
        c.add("-Dwirelab.daemon.idle=" + idle);
        if (builtinScripts != null) c.add("-Dwirelab.script.cache.builtin=" + builtinScripts);
        for (String o : javaOpts.strip().split("\\s+")) if (!o.isEmpty()) c.add(o);
        c.add("--enable-native-access=ALL-UNNAMED");
        c.add("-cp");
        c.add(classPath);
        c.add("io.wirelab.cli.daemon.Server");   // by name: the client's class path has none of its dependencies
        return c;
    }
}
