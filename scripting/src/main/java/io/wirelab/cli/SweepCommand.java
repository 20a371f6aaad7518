package io.wirelab.cli;

import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.sweep.SweepCollector;
import io.wirelab.sweep.SweepEmitter;
import io.wirelab.sweep.SweepPlan;
import io.wirelab.sweep.SweepPlanner;
import io.wirelab.sweep.SweepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wirelab sweep plan|run|emit|collect}: a lab x parameter grid x seeds as independent runs,
 * planned once, run in shards by any batch engine, collected into JSON and CSV (docs/sweeps.md).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Sweep a lab over a grid of settings and seeds: plan the runs, run a shard of them, emit the command",
                "for GNU parallel, Slurm or Kubernetes, and collect the results. See docs/sweeps.md."},
        subcommands = {SweepCommand.Plan.class, SweepCommand.Run.class, SweepCommand.Emit.class, SweepCommand.Collect.class})
final class SweepCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    static Io io(CommandSpec spec) { return ((SweepCommand) spec.parent().userObject()).io; }

    private final Io io;

    SweepCommand(Io io) { this.io = io; }

    static SweepPlan readPlan(Path dir, Io io) {
        try {
            return SweepPlan.read(dir);
        } catch (NoSuchFileException e) {
            io.err().println("wirelab: " + dir + " is not a sweep plan (no " + e.getFile() + "); make one with: wirelab sweep plan SWEEP.yaml --out " + dir);
        } catch (IOException e) {
            io.err().println("wirelab: cannot read the plan " + dir + ": " + e.getMessage());
        }
        return null;
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Expand SWEEP.yaml (lab x parameters x seeds) into a plan folder: items.jsonl with index and run id per run.")
    static final class Plan implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "SWEEP.yaml") Path sweep;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the plan folder") Path out;

        @Override public Integer call() throws IOException {
            Io io = io(spec);
            try {
                SweepPlan p = SweepPlanner.plan(sweep, out);
                io.out().println("planned " + p.items().size() + " runs of " + p.name() + " in " + out.resolve(SweepPlan.ITEMS));
                return Main.OK;
            } catch (LabFileException e) {
                e.problems().forEach(io.err()::println);
                return Main.USAGE;
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run shard I of N (0-based: the items whose index is I modulo N) in this JVM, one result.json per run id.",
                    "Items that already have a result are skipped."},
            footer = {"", "Exit codes: 0 every item of the shard has a result (failed runs are results), 3 the lab is invalid",
                    "(never worth retrying), anything else an infrastructure failure (retry: done items are skipped)."})
    static final class Run implements Callable<Integer> {
        private static final Pattern SHARD = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "PLAN") Path plan;
        @Option(names = "--shard", paramLabel = "I/N", defaultValue = "0/1", description = "this task's shard (default: ${DEFAULT-VALUE}, all)") String shard;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "results: DIR/<run id>/result.json") Path out;
        @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "runs at once in this JVM (default: ${DEFAULT-VALUE})") int jobs;
        @Option(names = "--keep-captures", description = "keep every run's captures (default: only those of failed runs)") boolean keepCaptures;
        @Option(names = "--trust", description = "run the lab's script outside the sandbox (only for scripts you wrote)") boolean trust;

        @Override public Integer call() throws InterruptedException {
            Io io = io(spec);
            Matcher m = SHARD.matcher(shard.strip());
            int i, n;
            if (!m.matches() || (n = Integer.parseInt(m.group(2))) < 1 || (i = Integer.parseInt(m.group(1))) >= n) {
                io.err().println("wirelab: --shard must be I/N with 0 <= I < N, e.g. 0/4, not '" + shard + "'");
                return Main.USAGE;
            }
            if (jobs < 1) {
                io.err().println("wirelab: --jobs must be 1 or more");
                return Main.USAGE;
            }
            SweepPlan p = readPlan(plan, io);
            if (p == null) return SweepRunner.INFRASTRUCTURE;
            return new SweepRunner(p, out, keepCaptures, trust ? GroovyEngine.Trust.TRUSTED : GroovyEngine.Trust.SANDBOXED, io.out()).run(i, n, jobs);
        }
    }

    @Command(name = "emit", mixinStandardHelpOptions = true,
            description = {"Write what runs the plan's shards on a batch engine: a GNU parallel script, an sbatch array script,",
                    "or a Kubernetes Indexed Job manifest (into the plan folder, and printed)."})
    static final class Emit implements Callable<Integer> {
        enum Target { parallel, slurm, k8s_job }

        @Spec CommandSpec spec;
        @Parameters(paramLabel = "PLAN") Path plan;
        @Option(names = "--target", required = true, paramLabel = "T", converter = TargetConverter.class,
                description = "parallel, slurm or k8s-job") Target target;
        @Option(names = "--shards", required = true, paramLabel = "N", description = "tasks to split the items into") int shards;
        @Option(names = "--out", paramLabel = "DIR", description = "where the runs write results (default: results/ beside the plan)") Path out;
        @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "parallel: shards at once; k8s-job: pods at once (default: ${DEFAULT-VALUE})") int jobs;
        @Option(names = "--heap", paramLabel = "MiB", defaultValue = "1024", description = "JVM heap of a shard; memory requested is heap + max(256, heap/2) (default: ${DEFAULT-VALUE})") int heap;
        @Option(names = "--time", paramLabel = "D-HH:MM:SS", defaultValue = "1:00:00", description = "slurm: time limit of a task (default: ${DEFAULT-VALUE})") String time;
        @Option(names = "--image", paramLabel = "IMAGE", defaultValue = "wirelab:latest", description = "k8s-job: the container image (see Dockerfile)") String image;
        @Option(names = "--claim", paramLabel = "PVC", defaultValue = "wirelab-sweep", description = "k8s-job: the volume claim holding plan/ and results/") String claim;

        static final class TargetConverter implements picocli.CommandLine.ITypeConverter<Target> {
            @Override public Target convert(String s) { return Target.valueOf(s.replace('-', '_')); }
        }

        @Override public Integer call() throws IOException {
            Io io = io(spec);
            SweepPlan p = readPlan(plan, io);
            if (p == null) return Main.USAGE;
            if (shards < 1 || jobs < 1 || heap < 64) {
                io.err().println("wirelab: --shards and --jobs must be 1 or more, --heap at least 64");
                return Main.USAGE;
            }
            Path planDir = plan.toAbsolutePath().normalize();
            Path results = out != null ? out.toAbsolutePath().normalize() : planDir.resolveSibling("results");
            SweepEmitter.Resources r = new SweepEmitter.Resources(heap, 1);
            String text;
            Path file;
            switch (target) {
                case parallel -> { text = SweepEmitter.parallel(planDir, results, shards, jobs); file = planDir.resolve("run-parallel.sh"); }
                case slurm -> {
                    text = SweepEmitter.slurm(p.name(), planDir, results, shards, r, time);
                    file = planDir.resolve("run-slurm.sbatch");
                    Files.createDirectories(results);   // Slurm opens each task's --output there before the script runs
                }
                default -> {
                    text = SweepEmitter.kubernetesJob(p.name(), image, claim, shards, Math.min(jobs, shards), r);
                    file = planDir.resolve("k8s-job.yaml");
                }
            }
            Files.writeString(file, text);
            if (target != Target.k8s_job) file.toFile().setExecutable(true);
            io.out().print(text);
            io.err().println("wrote " + file);
            return Main.OK;
        }
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Merge the results of a plan from one or more result folders into results.json, results.csv and",
                    "summary.csv (per setting over its seeds). Fails when an index has no result or a run id has two different results."})
    static final class Collect implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "DIR", arity = "1..*") List<Path> dirs;
        @Option(names = "--plan", required = true, paramLabel = "PLAN") Path plan;
        @Option(names = "--out", paramLabel = "DIR", description = "where the merged files go (default: the first DIR)") Path out;

        @Override public Integer call() throws IOException {
            Io io = io(spec);
            SweepPlan p = readPlan(plan, io);
            if (p == null) return Main.USAGE;
            SweepCollector.Collected c = SweepCollector.collect(p, dirs, out != null ? out : dirs.getFirst());
            Path where = out != null ? out : dirs.getFirst();
            io.out().println("collected " + (c.items() - c.missing().size()) + " of " + c.items() + " results (" + c.failedRuns() + " failed runs, "
                    + c.duplicates() + " re-run items compared) into " + where.resolve("results.json") + ", results.csv, summary.csv");
            if (!c.missing().isEmpty()) {
                List<Integer> shown = c.missing().subList(0, Math.min(20, c.missing().size()));
                io.err().println("wirelab: " + c.missing().size() + " indexes have no result: " + shown + (c.missing().size() > 20 ? " ..." : ""));
            }
            c.conflicts().forEach(x -> io.err().println("wirelab: not deterministic: " + x));
            return c.ok() ? Main.OK : Main.FAILED;
        }
    }
}
