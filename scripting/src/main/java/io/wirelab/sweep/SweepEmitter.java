package io.wirelab.sweep;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What hands a plan's shards to an existing batch engine, one shard per task, every task running
 * {@code wirelab sweep run PLAN --shard I/N --out OUT}: a GNU parallel command, an sbatch array script
 * (SLURM_ARRAY_TASK_ID), or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) whose pods fail their index
 * without retry on exit 3 (an invalid lab) and retry it otherwise. The wirelab command is
 * {@code $WIRELAB} when set, else {@code wirelab} on PATH.
 */
public final class SweepEmitter {
    private SweepEmitter() {}

    /** The JVM heap of one shard, in MiB, and what a task asks for on top of it (metaspace, threads, buffers). */
    public record Resources(int heapMiB, int cpus) {
        public int requestMiB() { return heapMiB + Math.max(256, heapMiB / 2); }
    }

    public static String parallel(Path plan, Path out, int shards, int jobs) {
        return "#!/bin/sh\n"
                + "# GNU parallel: " + shards + " shards of " + plan + ", " + jobs + " at a time. A shard that exits 3 has an invalid lab\n"
                + "# (do not retry); after any other failure, run this again with --resume-failed: done items are skipped.\n"
                + "mkdir -p " + sh(out.toString()) + " || exit 1\n"
                + "exec parallel --jobs " + jobs + " --halt never --joblog " + sh(out.resolve("parallel.joblog").toString())
                + " \"${WIRELAB:-wirelab}\" sweep run " + sh(plan.toString()) + " --shard '{}/" + shards + "' --out " + sh(out.toString())
                + " \"$@\" ::: $(seq 0 " + (shards - 1) + ")\n";
    }

    public static String slurm(String name, Path plan, Path out, int shards, Resources r, String timeLimit) {
        return "#!/bin/bash\n"
                + "#SBATCH --job-name=" + slug(name) + "\n"
                + "#SBATCH --array=0-" + (shards - 1) + "\n"
                + "#SBATCH --cpus-per-task=" + r.cpus() + "\n"
                + "#SBATCH --mem=" + r.requestMiB() + "M\n"
                + "#SBATCH --time=" + timeLimit + "\n"
                + "#SBATCH --output=" + out.resolve("slurm-%A_%a.out") + "\n"
                + "# One array task per shard; exit 3 means the lab is invalid (do not resubmit), any other failure\n"
                + "# can be resubmitted: done items are skipped. Slurm writes --output before this script runs, so\n"
                + "# " + out + " must exist when you sbatch this (sweep emit made it).\n"
                + "set -u\n"
                + "mkdir -p " + sh(out.toString()) + "\n"
                + "export JDK_JAVA_OPTIONS=\"-Xmx" + r.heapMiB() + "m ${JDK_JAVA_OPTIONS:-}\"\n"
                + "exec \"${WIRELAB:-wirelab}\" sweep run " + sh(plan.toString()) + " --shard \"${SLURM_ARRAY_TASK_ID}/" + shards + "\" --out " + sh(out.toString()) + "\n";
    }

    /**
     * A batch/v1 Indexed Job: one completion per shard, restartPolicy Never (podFailurePolicy needs it),
     * backoffLimitPerIndex retries an index on its own, exit 3 fails the index at once (FailIndex); the
     * plan and the results live on a PersistentVolumeClaim mounted at /work, as plan/ and results/.
     */
    public static String kubernetesJob(String name, String image, String claim, int shards, int parallelism, Resources r) {
        String n = slug(name);
        int mem = r.requestMiB();
        return String.format(Locale.ROOT, """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: wirelab-sweep-%1$s
                  labels: { app.kubernetes.io/name: wirelab, wirelab.io/sweep: %1$s }
                spec:
                  completionMode: Indexed
                  completions: %2$d
                  parallelism: %3$d
                  backoffLimitPerIndex: 2
                  maxFailedIndexes: %2$d
                  podFailurePolicy:
                    rules:
                      - action: FailIndex
                        onExitCodes: { containerName: sweep, operator: In, values: [3] }
                      - action: Ignore
                        onPodConditions: [ { type: DisruptionTarget } ]
                  template:
                    metadata:
                      labels: { app.kubernetes.io/name: wirelab, wirelab.io/sweep: %1$s }
                    spec:
                      restartPolicy: Never
                      automountServiceAccountToken: false
                      containers:
                        - name: sweep
                          image: %4$s
                          args: ["sweep", "run", "/work/plan", "--shard", "$(JOB_COMPLETION_INDEX)/%2$d", "--out", "/work/results"]
                          env:
                            - name: JDK_JAVA_OPTIONS
                              value: "-Xmx%5$dm"
                          resources:
                            requests: { cpu: "%6$d", memory: "%7$dMi" }
                            limits: { memory: "%7$dMi" }
                          securityContext:
                            allowPrivilegeEscalation: false
                            runAsNonRoot: true
                            capabilities: { drop: [ALL] }
                          volumeMounts:
                            - { name: work, mountPath: /work }
                      volumes:
                        - name: work
                          persistentVolumeClaim: { claimName: %8$s }
                """, n, shards, parallelism, image, r.heapMiB(), r.cpus(), mem, claim);
    }

    /** A name Slurm and Kubernetes accept: lower-case letters, digits and '-'. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (s.isEmpty()) s = "sweep";
        return s.length() > 40 ? s.substring(0, 40).replaceAll("-+$", "") : s;
    }

    /** A POSIX shell word. */
    static String sh(String s) {
        if (s.matches("[A-Za-z0-9_./:=@%+-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
