package io.wirelab.cli;

import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lesson labs (docs/labs/NAME.md): each runs green (its script asserts the measured figure against
 * the theory), its captures are clean in tshark, and `wirelab labs` lists the lessons in the book's order.
 */
class LessonLabsEndToEndTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"handshake-cost", "slow-start", "time-wait", "page-load", "keep-alive", "dumb-proxy", "truncation", "idempotent-retry", "half-close-vs-reset", "packet-tracer-classic"})
    void lessonRunsGreen_andItsCapturesAreClean(String lab) throws Exception {
        CliRun run = CliRun.of("run", lab, "--out", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<Path> captures = CliRun.files(dir, ".pcapng");
        assertThat(captures).isNotEmpty();
        for (Path p : captures) {
            assertThat(Tshark.malformed(p)).as(p + " malformed").isZero();
            assertThat(Tshark.badChecksums(p)).as(p + " bad checksums").isZero();
            assertThat(Tshark.count(p, "_ws.expert.severity >= \"Error\"")).as(p + " expert errors").isZero();
        }
        assertThat(Path.of("..", "docs", "labs", lab + ".md")).as("its docs page").exists();
    }

    @Test void slowStart_writesItsPerRttTableAsCsv() throws Exception {
        CliRun run = CliRun.of("run", "slow-start", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("cwnd.csv"));
        assertThat(csv.getFirst()).isEqualTo("round,time_s,cwnd_segments,ssthresh_segments,retransmits");
        assertThat(csv.subList(1, 7)).extracting(l -> l.split(",")[2]).containsExactly("10", "20", "40", "80", "160", "320");
    }

    @Test void labsListsTheLessonsInTheBooksOrder_beforeTheOlderLabs() {
        List<String> names = BuiltinLabs.names();
        assertThat(names.indexOf("handshake-cost")).isLessThan(names.indexOf("nagle-delayed-ack"));
        assertThat(names.indexOf("nagle-delayed-ack")).isLessThan(names.indexOf("slow-start"));
        List<String> lessons = List.of("handshake-cost", "nagle-delayed-ack", "slow-start", "time-wait", "page-load", "keep-alive", "dumb-proxy", "truncation", "idempotent-retry",
                "half-close-vs-reset", "packet-tracer-classic");
        assertThat(names.stream().filter(lessons::contains).toList()).isEqualTo(lessons);
        assertThat(names.indexOf("packet-tracer-classic")).isLessThan(names.indexOf("ping-basics"));
        CliRun r = CliRun.of("labs");
        assertThat(r.out().lines().map(l -> l.split(" ")[0]).filter(names::contains).toList()).isEqualTo(names);
    }
}
