package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wirelab grade DIR --jobs 2: one folder per student (two identical good ones, a broken one, a hostile
 * one, one without a lab file), graded on two threads: the class table has one row per submission with
 * the right scores, and the two identical submissions, graded at the same time on different threads,
 * wrote byte-identical captures (no state is shared between runs).
 */
class GradeClassTest {
    @TempDir Path dir;

    @Test void aFolderIsGradedInParallelIntoAClassTable() throws Exception {
        Path subs = dir.resolve("class");
        GradeCommandTest.submission(subs.resolve("alice"), s -> s);
        GradeCommandTest.submission(subs.resolve("bob"), s -> s);
        GradeCommandTest.submission(subs.resolve("carol"), GradeCommandTest::wrongDns);
        GradeCommandTest.submission(subs.resolve("mallory"), s -> GradeCommandTest.hostile(dir.resolve("pwned"), s));
        Files.createDirectories(subs.resolve("empty"));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("grade", subs.toString(), "--rubric", GradeCommandTest.rubric(dir).toString(), "--out", out.toString(), "--jobs", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("class.csv"));
        assertThat(csv.getFirst()).startsWith("submission,score,max_score,mandatory_passed,run_exit,pc1 got a DHCP lease,");
        assertThat(csv.subList(1, csv.size())).extracting(l -> String.join(",", List.of(l.split(",")).subList(0, 5))).containsExactly(
                "alice,14,14,true,0", "bob,14,14,true,0", "carol,5,14,false,1", "empty,0,14,false,2", "mallory,0,14,false,2");
        assertThat(csv.get(3)).isEqualTo("carol,5,14,false,1,2,1,0,0,0,0,2,0,0,0");
        assertThat(Files.readAllBytes(out.resolve("alice/pc1-eth0.pcapng"))).isEqualTo(Files.readAllBytes(out.resolve("bob/pc1-eth0.pcapng")));
        assertThat(Files.readString(out.resolve("class.html"))).contains("<table>", "carol", "www.wirelab.test resolves to web1", "0 frames of");
        assertThat(Files.readString(out.resolve("carol/results.json"))).contains("\"score\" : 5.0");
        assertThat(out.resolve("mallory/pc1-eth0.pcapng")).doesNotExist();
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(r.out()).contains("carol", "5/14", "class table: ");
    }
}
