package io.wirelab.sweep;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.sweep.SweepSpec;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabProblem;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.labs.yaml.SweepYamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Expands a sweep file into a plan: the parameter grid in file order (the first parameter varies
 * slowest), the seeds innermost, an index per item, and a run id per item: the first 16 hex digits of
 * SHA-256 over the wirelab version, the lab text, the script text, the parameters and the seed. The same
 * inputs give the same plan, byte for byte.
 */
public final class SweepPlanner {
    private SweepPlanner() {}

    /** Reads the sweep and its lab (every problem as file:line:col), checks the first item's lab builds from its parameters, writes the plan. */
    public static SweepPlan plan(Path sweepFile, Path outDir) throws LabFileException, IOException {
        SweepSpec spec = SweepYamlReader.read(sweepFile);
        Path base = sweepFile.toAbsolutePath().getParent();
        String labText, scriptText;
        LabSpec lab;
        boolean builtin = !spec.lab().contains("/") && !spec.lab().endsWith(".yaml") && !spec.lab().endsWith(".yml")
                && BuiltinLabs.names().contains(spec.lab());
        if (builtin) {
            lab = BuiltinLabs.builtin(spec.lab());
            labText = resource("/io/wirelab/labs/builtin/" + spec.lab() + ".yaml");
        } else {
            Path labFile = base.resolve(spec.lab());
            lab = LabYamlReader.read(labFile);
            labText = Files.readString(labFile, StandardCharsets.UTF_8);
        }
        if (spec.script() != null) {
            Path s = base.resolve(spec.script());
            if (!Files.isRegularFile(s))
                throw new LabFileException(List.of(new LabProblem(spec.source(), 1, 1, "the script " + spec.script() + " is not a file next to the sweep file", null)));
            scriptText = Files.readString(s, StandardCharsets.UTF_8);
        } else {
            scriptText = lab.script() == null || lab.script().inline() ? null : lab.script().code();
        }
        String version = SweepPlan.wirelabVersion();
        List<SweepItem> items = new ArrayList<>();
        List<String> names = new ArrayList<>(spec.parameters().keySet());
        int[] at = new int[names.size()];
        long total = spec.size();
        for (long n = 0; n < total; n += spec.seeds().size()) {
            SequencedMap<String, String> params = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) params.put(names.get(k), spec.parameters().get(names.get(k)).get(at[k]));
            for (long seed : spec.seeds()) items.add(new SweepItem(items.size(), runId(version, labText, scriptText, params, seed), params, seed));
            for (int k = names.size() - 1; k >= 0; k--) {   // odometer: the last parameter turns fastest
                if (++at[k] < spec.parameters().get(names.get(k)).size()) break;
                at[k] = 0;
            }
        }
        SweepPlan plan = new SweepPlan(outDir, spec.name(), version, spec.timeoutNanos(), labText, scriptText, items);
        plan.write();
        SweepPlan written = SweepPlan.read(outDir);
        written.lab(items.getFirst());   // every value was checked alone; this checks the lab reads back from the plan
        return written;
    }

    static String runId(String version, String lab, String script, SequencedMap<String, String> params, long seed) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(version, lab, script == null ? "" : script)) {
                d.update(part.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            params.forEach((k, v) -> d.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            d.update((byte) 0);
            d.update(Long.toString(seed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SweepPlanner.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
