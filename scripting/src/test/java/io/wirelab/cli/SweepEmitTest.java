package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sweep emit for the three engines. GNU parallel (Debian's parallel) really runs the emitted script:
 * 100 runs in 4 shards on 2 workers, then collect finds every index, and a shard run again gives the
 * same result hashes. The Kubernetes Job is read into the Kubernetes API model (fabric8) and checked
 * field by field; no cluster is needed (none is available to the tests). The sbatch script's array and
 * task index are checked as text (SweepSlurmTest runs it on a real single-node Slurm).
 */
class SweepEmitTest {
    @TempDir Path dir;

    static boolean requireTools() { return "1".equals(System.getenv("WIRELAB_REQUIRE_TOOLS")); }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        return false;
    }

    /** A wirelab command for engines to call: this JVM's java with the test class path (the launcher would rebuild). */
    static Path wirelab(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path w = dir.resolve("wirelab");
        Files.writeString(w, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path")
                + "' io.wirelab.cli.Main \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        return w;
    }

    static Path plan(Path dir) throws IOException {
        Path sweep = SweepCommandTest.sweepFiles(dir);
        CliRun plan = CliRun.of("sweep", "plan", sweep.toString(), "--out", dir.resolve("plan").toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        return dir.resolve("plan");
    }

    @Test void gnuParallelRunsTheEmittedShardsAndCollectFindsEveryIndex() throws Exception {
        boolean present = onPath("parallel");
        if (requireTools()) assertThat(present).as("GNU parallel (apt-get install parallel)").isTrue();
        assumeTrue(present, "GNU parallel is not installed");
        Path plan = plan(dir);
        Path results = dir.resolve("results");
        CliRun emit = CliRun.of("sweep", "emit", plan.toString(), "--target", "parallel", "--shards", "4", "--jobs", "2", "--out", results.toString());
        assertThat(emit.exitCode()).as(emit.err()).isZero();
        assertThat(emit.out()).contains("parallel --jobs 2 ", "--shard '{}/4'", "::: $(seq 0 3)");
        Path script = plan.resolve("run-parallel.sh");
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("parallel.log").toFile());
        pb.environment().put("WIRELAB", wirelab(dir).toString());
        pb.environment().put("HOME", dir.toString());   // parallel keeps its state in ~/.parallel
        int rc = pb.start().waitFor();
        assertThat(rc).as(Files.readString(dir.resolve("parallel.log"))).isZero();
        List<String> joblog = Files.readAllLines(results.resolve("parallel.joblog"));
        assertThat(joblog).hasSize(5);   // a header and one line per shard
        assertThat(Files.readString(dir.resolve("parallel.log"))).contains("shard 0/4: 25 items, 25 run", "shard 3/4: 25 items, 25 run");

        CliRun collect = CliRun.of("sweep", "collect", results.toString(), "--plan", plan.toString());
        assertThat(collect.exitCode()).as(collect.err()).isZero();
        assertThat(collect.out()).contains("collected 100 of 100 results");

        Path again = dir.resolve("again");
        assertThat(CliRun.of("sweep", "run", plan.toString(), "--shard", "2/4", "--out", again.toString()).exitCode()).isZero();
        CliRun both = CliRun.of("sweep", "collect", results.toString(), again.toString(), "--plan", plan.toString(), "--out", dir.resolve("m").toString());
        assertThat(both.exitCode()).as(both.err()).isZero();
        assertThat(both.out()).contains("collected 100 of 100 results", "25 re-run items compared");
    }

    @Test void theKubernetesJobIsAValidIndexedJobThatFailsAnIndexOnExit3() throws Exception {
        Path plan = plan(dir);
        CliRun emit = CliRun.of("sweep", "emit", plan.toString(), "--target", "k8s-job", "--shards", "8", "--jobs", "3", "--heap", "2048",
                "--image", "registry.example/wirelab:0.1");
        assertThat(emit.exitCode()).as(emit.err()).isZero();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Job job = yaml.readValue(plan.resolve("k8s-job.yaml").toFile(), Job.class);
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getKind()).isEqualTo("Job");
        assertThat(job.getAdditionalProperties()).isEmpty();
        assertThat(job.getMetadata().getName()).isEqualTo("wirelab-sweep-tiny-loss");
        JobSpec spec = job.getSpec();
        assertThat(spec.getAdditionalProperties()).isEmpty();
        assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
        assertThat(spec.getCompletions()).isEqualTo(8);
        assertThat(spec.getParallelism()).isEqualTo(3);
        assertThat(spec.getBackoffLimitPerIndex()).isEqualTo(2);
        PodFailurePolicyRule failIndex = spec.getPodFailurePolicy().getRules().getFirst();
        assertThat(failIndex.getAction()).isEqualTo("FailIndex");
        assertThat(failIndex.getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(failIndex.getOnExitCodes().getValues()).containsExactly(3);
        assertThat(failIndex.getOnExitCodes().getContainerName()).isEqualTo("sweep");
        PodSpec pod = spec.getTemplate().getSpec();
        assertThat(pod.getAdditionalProperties()).isEmpty();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");   // podFailurePolicy requires it
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container c = pod.getContainers().getFirst();
        assertThat(c.getName()).isEqualTo("sweep");
        assertThat(c.getImage()).isEqualTo("registry.example/wirelab:0.1");
        assertThat(c.getArgs()).containsExactly("sweep", "run", "/work/plan", "--shard", "$(JOB_COMPLETION_INDEX)/8", "--out", "/work/results");
        assertThat(c.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("JDK_JAVA_OPTIONS");
            assertThat(e.getValue()).isEqualTo("-Xmx2048m");
        });
        assertThat(Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")).longValue()).isEqualTo(3072L << 20);
        assertThat(c.getResources().getLimits().get("memory")).isEqualTo(c.getResources().getRequests().get("memory"));
        assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("1");
        assertThat(pod.getVolumes().getFirst().getPersistentVolumeClaim().getClaimName()).isEqualTo("wirelab-sweep");
    }

    @Test void theSbatchScriptIsAnArrayOfOneTaskPerShard() throws Exception {
        Path plan = plan(dir);
        CliRun emit = CliRun.of("sweep", "emit", plan.toString(), "--target", "slurm", "--shards", "4", "--heap", "512", "--out", dir.resolve("r").toString());
        assertThat(emit.exitCode()).as(emit.err()).isZero();
        String s = Files.readString(plan.resolve("run-slurm.sbatch"));
        assertThat(s).startsWith("#!/bin/bash\n").contains("#SBATCH --array=0-3\n", "#SBATCH --mem=768M\n", "#SBATCH --job-name=tiny-loss\n",
                "--shard \"${SLURM_ARRAY_TASK_ID}/4\"", "-Xmx512m");
    }
}
