package io.wirelab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Merges the results of a plan from one or more result folders (shards may have written to different
 * ones) into results.json, results.csv (one row per item) and summary.csv (per setting, over its
 * seeds: count, mean, min and max of every metric). An index without a result is missing; a run id
 * whose results differ between folders is a determinism failure. Both make collect fail.
 */
public final class SweepCollector {
    /** What collect found. */
    public record Collected(int items, List<Integer> missing, List<String> conflicts, int duplicates, int failedRuns) {
        public boolean ok() { return missing.isEmpty() && conflicts.isEmpty(); }
    }

    private SweepCollector() {}

    public static Collected collect(SweepPlan plan, List<Path> dirs, Path out) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        int duplicates = 0;
        for (SweepItem item : plan.items()) {
            for (Path d : dirs) {
                Path f = d.resolve(item.id()).resolve("result.json");
                if (!Files.isRegularFile(f)) continue;
                JsonNode r = SweepPlan.JSON.readTree(f.toFile());
                JsonNode first = byId.putIfAbsent(item.id(), r);
                if (first == null) continue;
                duplicates++;
                if (!first.path("result_hash").asText().equals(r.path("result_hash").asText()))
                    conflicts.add("run id " + item.id() + " (index " + item.index() + ", " + item.describe() + ") has two different results: "
                            + first.path("result_hash").asText().substring(0, 12) + " and " + r.path("result_hash").asText().substring(0, 12) + " (" + f + ")");
            }
        }
        List<Integer> missing = new ArrayList<>();
        ArrayNode all = SweepPlan.JSON.createArrayNode();
        int failed = 0;
        for (SweepItem item : plan.items()) {
            JsonNode r = byId.get(item.id());
            if (r == null) missing.add(item.index());
            else {
                all.add(r);
                if (r.path("exit").asInt() != 0) failed++;
            }
        }
        Files.createDirectories(out);
        ObjectNode doc = SweepPlan.JSON.createObjectNode();
        doc.put("name", plan.name());
        doc.put("version", plan.version());
        doc.put("items", plan.items().size());
        doc.put("results", all.size());
        ArrayNode m = doc.putArray("missing");
        missing.forEach(m::add);
        ArrayNode c = doc.putArray("conflicts");
        conflicts.forEach(c::add);
        doc.set("runs", all);
        Files.writeString(out.resolve("results.json"), SweepPlan.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        List<String> params = plan.items().isEmpty() ? List.of() : new ArrayList<>(plan.items().getFirst().parameters().keySet());
        Set<String> metrics = new LinkedHashSet<>();
        for (JsonNode r : all) for (Iterator<String> i = r.path("metrics").fieldNames(); i.hasNext(); ) metrics.add(i.next());
        Files.writeString(out.resolve("results.csv"), table(all, params, metrics));
        Files.writeString(out.resolve("summary.csv"), summary(all, params, metrics));
        return new Collected(plan.items().size(), missing, conflicts, duplicates, failed);
    }

    private static String table(ArrayNode all, List<String> params, Set<String> metrics) {
        StringBuilder sb = new StringBuilder("index,id");
        params.forEach(p -> sb.append(',').append(csv(p)));
        sb.append(",seed,exit,result_hash");
        metrics.forEach(x -> sb.append(',').append(csv(x)));
        sb.append("\r\n");
        for (JsonNode r : all) {
            sb.append(r.path("index").asInt()).append(',').append(r.path("id").asText());
            for (String p : params) sb.append(',').append(csv(r.path("parameters").path(p).asText()));
            sb.append(',').append(r.path("seed").asLong()).append(',').append(r.path("exit").asInt()).append(',').append(r.path("result_hash").asText());
            for (String x : metrics) sb.append(',').append(r.path("metrics").has(x) ? number(r.path("metrics").get(x).asDouble()) : "");
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** Per setting (the parameters without the seed), in plan order: runs, failed runs, and mean/min/max of each metric. */
    private static String summary(ArrayNode all, List<String> params, Set<String> metrics) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode r : all) {
            StringBuilder key = new StringBuilder();
            for (String p : params) key.append(csv(r.path("parameters").path(p).asText())).append(',');
            groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder();
        params.forEach(p -> sb.append(csv(p)).append(','));
        sb.append("runs,failed");
        for (String x : metrics) sb.append(',').append(csv(x + "_mean")).append(',').append(csv(x + "_min")).append(',').append(csv(x + "_max"));
        sb.append("\r\n");
        for (Map.Entry<String, List<JsonNode>> g : groups.entrySet()) {
            sb.append(g.getKey()).append(g.getValue().size()).append(',').append(g.getValue().stream().filter(r -> r.path("exit").asInt() != 0).count());
            for (String x : metrics) {
                double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (JsonNode r : g.getValue()) {
                    if (!r.path("metrics").has(x)) continue;
                    double v = r.path("metrics").get(x).asDouble();
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    n++;
                }
                if (n == 0) sb.append(",,,");
                else sb.append(',').append(number(sum / n)).append(',').append(number(min)).append(',').append(number(max));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

}
