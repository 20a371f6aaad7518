package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The relaunched JVM's command line: who decides which flag, and when a JVM starts another at all. */
class JvmRelaunchTest {
    private static final JvmProfile REAL_TIME = new JvmProfile(JvmProfile.Kind.REAL_TIME,
            List.of("-XX:+UseSerialGC", "-Xms128m", "-Xmn32m", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1"), "bridged lab");
    private static final JvmProfile LARGE = new JvmProfile(JvmProfile.Kind.LARGE, List.of("-XX:+UseParallelGC", "-Xms466m"), "large lab");
    /** What the launcher passes, with WIRELAB_JAVA_OPTS="-Xlog:gc -Dmine=1" in its place. */
    private static final List<String> LAUNCHER = List.of("-XX:AOTCache=/w/wirelab.aot", "-Xlog:aot*=off,cds*=off", "-XX:+UseSerialGC",
            "-Xms16m", "-XX:TieredStopAtLevel=1", "-Dwirelab.jvm=batch", "-Dwirelab.stderr.tty=true",
            "-Dwirelab.script.cache.builtin=/w/cache", "-Xlog:gc", "-Dmine=1", "--enable-native-access=ALL-UNNAMED");
    private static final List<String> ARGS = List.of("run", "lab.yaml", "--out", "/tmp/a b");

    @Test void command_keepsAotCacheAndProperties_replacesTheLaunchersTuning_andPutsTheUsersOptionsLast() {
        List<String> cmd = JvmRelaunch.command(REAL_TIME, "/jdk", LAUNCHER, List.of("-Xlog:gc", "-Dmine=1"), "/w/a.jar:/w/lib/*", ARGS);
        assertThat(cmd).containsExactly("/jdk/bin/java", "-XX:AOTCache=/w/wirelab.aot", "-Xlog:aot*=off,cds*=off",
                "-Dwirelab.stderr.tty=true", "-Dwirelab.script.cache.builtin=/w/cache", "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xms128m", "-Xmn32m", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1",
                "-Xlog:gc", "-Dmine=1",
                "-Dwirelab.jvm=real-time", "-Dwirelab.jvm.relaunched=true",
                "-cp", "/w/a.jar:/w/lib/*", "io.wirelab.cli.Main", "run", "lab.yaml", "--out", "/tmp/a b");
    }

    @Test void command_aFlagTheUserSets_replacesTheProfilesFlagOfThatKind() {
        List<String> user = List.of("-XX:+UseG1GC", "-XX:TieredStopAtLevel=4");
        List<String> cmd = JvmRelaunch.command(LARGE, "/jdk", List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=4"),
                user, "cp", ARGS);
        assertThat(cmd).doesNotContain("-XX:+UseParallelGC", "-XX:+UseSerialGC", "-Xms16m").contains("-Xms466m");
        assertThat(cmd.subList(1, 4)).containsExactly("-Xms466m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=4");
    }

    @Test void command_theUsersMaximumHeap_replacesTheProfilesWholeHeap() {
        List<String> cmd = JvmRelaunch.command(REAL_TIME, "/jdk", List.of("-Xmx64m"), List.of("-Xmx64m"), "cp", ARGS);
        assertThat(cmd.subList(1, 5)).containsExactly("-XX:+UseSerialGC", "-XX:+AlwaysPreTouch", "-XX:TieredStopAtLevel=1", "-Xmx64m");
    }

    @Test void command_userOptionsNotFoundInTheJvmsArguments_areStillPassedOnce() {
        List<String> cmd = JvmRelaunch.command(LARGE, "/jdk", List.of("-Dwirelab.jvm=batch"), List.of("-Dmine=1"), "cp", ARGS);
        assertThat(cmd).containsOnlyOnce("-Dmine=1").doesNotContain("-Dwirelab.jvm=batch");
    }

    @Test void userOptions_splitAtWhiteSpace_likeTheLauncher() {
        assertThat(JvmRelaunch.userOptions(null)).isEmpty();
        assertThat(JvmRelaunch.userOptions("  ")).isEmpty();
        assertThat(JvmRelaunch.userOptions(" -Xmx8g\t -XX:TieredStopAtLevel=4 ")).containsExactly("-Xmx8g", "-XX:TieredStopAtLevel=4");
    }

    @Test void needed_onlyInTheLaunchersJvm_onlyOnce_andOnlyForAnotherProfile() {
        assertThat(JvmRelaunch.needed(REAL_TIME, "batch", null)).isTrue();
        assertThat(JvmRelaunch.needed(REAL_TIME, "real-time", null)).isFalse();   // already this profile
        assertThat(JvmRelaunch.needed(REAL_TIME, "batch", "true")).isFalse();     // a relaunched JVM never starts another
        assertThat(JvmRelaunch.needed(REAL_TIME, null, null)).isFalse();          // not started by the launcher (tests, IDE)
        assertThat(JvmRelaunch.needed(new JvmProfile(JvmProfile.Kind.BATCH, List.of(), "batch run"), "batch", null)).isFalse();
    }

    @Test void tuning_namesWhatEachProfileFlagSets() {
        assertThat(JvmRelaunch.tuning("-XX:+UseParallelGC")).isEqualTo(JvmRelaunch.Tuning.GC);
        assertThat(JvmRelaunch.tuning("-XX:-UseSerialGC")).isEqualTo(JvmRelaunch.Tuning.GC);
        assertThat(JvmRelaunch.tuning("-XX:MaxHeapSize=1g")).isEqualTo(JvmRelaunch.Tuning.HEAP_MAX);
        assertThat(JvmRelaunch.tuning("-XX:InitialHeapSize=1g")).isEqualTo(JvmRelaunch.Tuning.HEAP_START);
        assertThat(JvmRelaunch.tuning("-XX:-TieredCompilation")).isEqualTo(JvmRelaunch.Tuning.JIT);
        assertThat(JvmRelaunch.tuning("-XX:+AlwaysPreTouch")).isEqualTo(JvmRelaunch.Tuning.PRE_TOUCH);
        assertThat(JvmRelaunch.tuning("-XX:+UseCompressedOops")).isNull();
        assertThat(JvmRelaunch.tuning("-XX:AOTCache=x")).isNull();
        assertThat(JvmRelaunch.tuning("-Dwirelab.jvm.profile=large")).isNull();
    }
}
