package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sweep plan / run / collect in-process over a 100-run sweep of a tiny lab: the plan is the same byte
 * for byte each time; two shards together give every index a result; a re-run of a shard elsewhere
 * gives identical result hashes; collect fails on a missing index and on a run id with two results;
 * a run skips ids already done; a lab the sandbox refuses is exit 3.
 */
class SweepCommandTest {
    @TempDir Path dir;

    static Path sweepFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), GradeCommandTest.resource("/sweep/tiny.yaml"));
        return Files.writeString(dir.resolve("sweep.yaml"), GradeCommandTest.resource("/sweep/tiny-sweep.yaml"));
    }

    @Test void theThousandRunStudyOfTheDocsPlansAThousandItems_lossSlowest_seedsInnermost() throws Exception {
        Path sweep = Path.of(System.getenv().getOrDefault("WIRELAB_REPO", ".."), "docs", "sweeps", "tcp-bulk-1000.yaml");
        CliRun plan = CliRun.of("sweep", "plan", sweep.toString(), "--out", dir.resolve("plan").toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("planned 1000 runs of tcp-bulk-1000");
        List<String> items = Files.readAllLines(dir.resolve("plan/items.jsonl"));
        assertThat(items).hasSize(1000);
        assertThat(items.getFirst()).contains("\"index\":0,").endsWith("\"parameters\":{\"link.loss\":\"0.5%\",\"tcp.profile\":\"linux\"},\"seed\":1}");
        assertThat(items.get(50)).endsWith("\"parameters\":{\"link.loss\":\"0.5%\",\"tcp.profile\":\"textbook\"},\"seed\":1}");
        assertThat(items.get(999)).endsWith("\"parameters\":{\"link.loss\":\"5%\",\"tcp.profile\":\"textbook\"},\"seed\":50}");
    }

    @Test void planRunAndCollectEveryIndexWithIdenticalHashesForARerun() throws Exception {
        Path sweep = sweepFiles(dir);
        CliRun plan = CliRun.of("sweep", "plan", sweep.toString(), "--out", dir.resolve("plan").toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("planned 100 runs of tiny-loss");
        CliRun again = CliRun.of("sweep", "plan", sweep.toString(), "--out", dir.resolve("plan2").toString());
        assertThat(again.exitCode()).isZero();
        for (String f : List.of("items.jsonl", "sweep.json", "lab.yaml"))
            assertThat(Files.readString(dir.resolve("plan2").resolve(f))).isEqualTo(Files.readString(dir.resolve("plan").resolve(f)));
        List<String> items = Files.readAllLines(dir.resolve("plan/items.jsonl"));
        assertThat(items).hasSize(100);
        assertThat(items.getFirst()).isEqualTo("{\"index\":0,\"id\":\"" + new ObjectMapper().readTree(items.getFirst()).get("id").asText()
                + "\",\"parameters\":{\"link.loss\":\"0%\",\"link.delay\":\"1ms\",\"tcp.profile\":\"linux\"},\"seed\":1}");
        assertThat(items.get(99)).contains("\"link.loss\":\"40%\",\"link.delay\":\"5ms\",\"tcp.profile\":\"textbook\"},\"seed\":5}");
        Set<String> ids = new HashSet<>();
        for (String l : items) ids.add(new ObjectMapper().readTree(l).get("id").asText());
        assertThat(ids).hasSize(100);

        String p = dir.resolve("plan").toString(), res1 = dir.resolve("res1").toString(), res2 = dir.resolve("res2").toString();
        assertThat(CliRun.of("sweep", "run", p, "--shard", "0/2", "--out", res1, "--jobs", "2").exitCode()).isZero();
        CliRun partial = CliRun.of("sweep", "collect", res1, "--plan", p);
        assertThat(partial.exitCode()).isEqualTo(1);
        assertThat(partial.err()).contains("50 indexes have no result: [1, 3, 5, ");
        assertThat(CliRun.of("sweep", "run", p, "--shard", "1/2", "--out", res1).exitCode()).isZero();
        CliRun rerun = CliRun.of("sweep", "run", p, "--shard", "1/2", "--out", res1);
        assertThat(rerun.out()).contains("shard 1/2: 50 items, 0 run, 50 already done");

        CliRun whole = CliRun.of("sweep", "collect", res1, "--plan", p);
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("collected 100 of 100 results");
        JsonNode results = new ObjectMapper().readTree(dir.resolve("res1/results.json").toFile());
        assertThat(results.get("runs")).hasSize(100);
        assertThat(results.get("runs").get(0).get("metrics").get("received").asDouble()).isEqualTo(4.0);
        List<String> summary = Files.readAllLines(dir.resolve("res1/summary.csv"));
        assertThat(summary.getFirst()).isEqualTo("link.loss,link.delay,tcp.profile,runs,failed,received_mean,received_min,received_max");
        assertThat(summary).hasSize(21).contains("0%,1ms,linux,5,0,4,4,4");
        assertThat(Files.readAllLines(dir.resolve("res1/results.csv"))).hasSize(101);
        assertThat(Files.list(dir.resolve("res1").resolve(ids.iterator().next())).map(f -> f.getFileName().toString()).toList())
                .containsExactly("result.json");   // captures of a run that passed are not kept

        // the same items run again elsewhere: identical results, compared one by one
        assertThat(CliRun.of("sweep", "run", p, "--shard", "1/2", "--out", res2, "--keep-captures").exitCode()).isZero();
        CliRun both = CliRun.of("sweep", "collect", res1, res2, "--plan", p, "--out", dir.resolve("merged").toString());
        assertThat(both.exitCode()).as(both.err()).isZero();
        assertThat(both.out()).contains("collected 100 of 100 results", "50 re-run items compared");
        String id = new ObjectMapper().readTree(items.get(1)).get("id").asText();
        assertThat(dir.resolve("res2").resolve(id).resolve("pc1-eth0.pcapng")).exists();

        // a run id whose result differs is flagged
        Path tampered = dir.resolve("res2").resolve(id).resolve("result.json");
        ObjectNode r = (ObjectNode) new ObjectMapper().readTree(tampered.toFile());
        r.put("result_hash", "0".repeat(64));
        Files.writeString(tampered, r.toString());
        CliRun bad = CliRun.of("sweep", "collect", res1, res2, "--plan", p, "--out", dir.resolve("merged").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("wirelab: not deterministic: run id " + id + " (index 1, ");
    }

    @Test void aLabTheSandboxRefusesIsExit3AndNeverRuns() throws Exception {
        Files.writeString(dir.resolve("tiny.yaml"), GradeCommandTest.resource("/sweep/tiny.yaml")
                .replace("println \"received ${r.received}\"", "System.exit(0)"));
        Path sweep = Files.writeString(dir.resolve("sweep.yaml"), "lab: tiny.yaml\nseeds: 2\n");
        assertThat(CliRun.of("sweep", "plan", sweep.toString(), "--out", dir.resolve("plan").toString()).exitCode()).isZero();
        CliRun r = CliRun.of("sweep", "run", dir.resolve("plan").toString(), "--out", dir.resolve("res").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("not allowed in lab scripts");
        assertThat(dir.resolve("res")).doesNotExist();
    }

    @Test void aSweepWithAnUnknownParameterIsReportedAtItsLine() throws Exception {
        Files.writeString(dir.resolve("tiny.yaml"), GradeCommandTest.resource("/sweep/tiny.yaml"));
        Path sweep = Files.writeString(dir.resolve("sweep.yaml"), "lab: tiny.yaml\nparameters:\n  link.lost: [1%]\n");
        CliRun r = CliRun.of("sweep", "plan", sweep.toString(), "--out", dir.resolve("plan").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(sweep + ":3:3: unknown parameter 'link.lost'", "did you mean 'link.loss'?");
        assertThat(dir.resolve("plan")).doesNotExist();
    }
}
