package io.wirelab.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wirelab.grade.FinishedRun;
import io.wirelab.grade.LabRunner;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.scripting.engine.GroovyEngine;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs shard I of N of a plan in this JVM: the items whose index is I modulo N, each into
 * OUT/ID/result.json (written whole or not at all), skipping ids that already have one. Captures stay
 * only with keepCaptures or when the run failed. A result holds only what the run determines (no wall
 * time), so the same item always gives the same result_hash.
 */
public final class SweepRunner {
    /** Exit codes: every item of the shard has a result; the plan's lab is invalid (never worth retrying); anything else: retry. */
    public static final int OK = 0, INFRASTRUCTURE = 1, INVALID_LAB = 3;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** "goodput 94.1 Mbit/s", "rtt: 12.5 ms", "retransmits=3": a metric of the result. */
    private static final Pattern METRIC = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*[:=]?\\s+(-?[0-9]+(?:\\.[0-9]+)?)(?:\\s+(\\S+))?\\s*|"
            + "\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*[:=]\\s*(-?[0-9]+(?:\\.[0-9]+)?)(?:\\s+(\\S+))?\\s*");

    private final SweepPlan plan;
    private final Path out;
    private final boolean keepCaptures;
    private final GroovyEngine.Trust trust;
    private final PrintStream log;

    public SweepRunner(SweepPlan plan, Path out, boolean keepCaptures, GroovyEngine.Trust trust, PrintStream log) {
        this.plan = plan;
        this.out = out;
        this.keepCaptures = keepCaptures;
        this.trust = trust;
        this.log = log;
    }

    /** The items of shard (0-based) of shards, in index order. */
    public static List<SweepItem> shard(List<SweepItem> items, int shard, int shards) {
        return items.stream().filter(i -> i.index() % shards == shard).toList();
    }

    public int run(int shard, int shards, int jobs) throws InterruptedException {
        LabSpec base;
        try {
            base = plan.lab();
            if (plan.items().isEmpty()) return OK;
            plan.lab(plan.items().getFirst());
        } catch (LabFileException e) {
            e.problems().forEach(p -> log.println(p));
            return INVALID_LAB;
        }
        if (base.script() != null) {
            List<String> problems = ScriptRunner.compileProblems(ScriptSource.of(base.script()), trust);
            if (!problems.isEmpty()) {
                problems.forEach(log::println);
                return INVALID_LAB;
            }
        }
        List<SweepItem> mine = shard(plan.items(), shard, shards);
        int done = 0, ran = 0;
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), Thread.ofPlatform().name("wirelab-sweep-", 1).factory())) {
            for (SweepItem item : mine) {
                if (Files.isRegularFile(out.resolve(item.id()).resolve("result.json"))) {
                    done++;
                    continue;
                }
                futures.add(pool.submit(() -> runItem(item)));
            }
            int status = OK;
            for (Future<String> f : futures) {
                try {
                    String line = f.get();
                    ran++;
                    synchronized (log) { log.println(line); }
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    synchronized (log) { log.println("wirelab: sweep item failed to run: " + c); }
                    status = c instanceof LabFileException ? INVALID_LAB : INFRASTRUCTURE;
                }
            }
            log.println("shard " + shard + "/" + shards + ": " + mine.size() + " items, " + ran + " run, " + done + " already done");
            return status;
        }
    }

    private String runItem(SweepItem item) throws IOException, LabFileException {
        LabSpec spec = plan.lab(item);
        Path dir = out.resolve(item.id());
        Duration timeout = plan.timeoutNanos() > 0 ? Duration.ofNanos(plan.timeoutNanos()) : DEFAULT_TIMEOUT;
        FinishedRun run = LabRunner.run(spec, spec.script() == null ? null : ScriptSource.of(spec.script()), dir, timeout, trust);
        ObjectNode r = result(item, run);
        boolean failed = run.exit() != 0;
        if (!failed && !keepCaptures) deleteCaptures(dir);
        Path tmp = dir.resolve("result.json.tmp");
        Files.createDirectories(dir);
        Files.writeString(tmp, SweepPlan.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("result.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return String.format("%6d %s %s exit %d%s", item.index(), item.id(), item.describe(), run.exit(), failed ? " (" + run.summary() + ")" : "");
    }

    ObjectNode result(SweepItem item, FinishedRun run) {
        ObjectNode r = SweepPlan.JSON.createObjectNode();
        r.put("index", item.index());
        r.put("id", item.id());
        ObjectNode p = r.putObject("parameters");
        item.parameters().forEach(p::put);
        r.put("seed", item.seed());
        r.put("exit", run.exit());
        r.put("summary", run.summary());
        r.put("lab_time_ns", run.started() ? run.lab().now() : 0);
        ObjectNode metrics = r.putObject("metrics");
        ObjectNode units = r.putObject("units");
        metrics(run.output()).forEach((k, v) -> {
            metrics.put(k, Double.parseDouble(v[0]));
            if (v[1] != null) units.put(k, v[1]);
        });
        r.put("output", run.output());
        r.put("result_hash", hash(r));
        return r;
    }

    /** Lines "NAME NUMBER [UNIT]" (or NAME: NUMBER, NAME=NUMBER) of the script's output; a later line of the same name wins. */
    static Map<String, String[]> metrics(String output) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher x = METRIC.matcher(line);
            if (!x.matches()) continue;
            int g = x.group(1) != null ? 1 : 4;
            m.put(x.group(g), new String[] {x.group(g + 1), x.group(g + 2)});
        }
        return m;
    }

    /** SHA-256 of the result's JSON without its hash, as hex. */
    static String hash(ObjectNode result) {
        try {
            ObjectNode copy = result.deepCopy();
            copy.remove("result_hash");
            byte[] bytes = SweepPlan.JSON.writeValueAsBytes(copy);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteCaptures(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(".pcapng") || f.endsWith(".pcap") || f.equals("keys.log") || f.equals("lab-ca.pem")) Files.delete(p);
            }
        }
    }
}
