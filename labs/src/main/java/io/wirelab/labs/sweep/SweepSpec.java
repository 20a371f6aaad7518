package io.wirelab.labs.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A sweep file (docs/sweeps.md): one lab (a built-in name or a file, relative to the sweep file), an
 * optional script in place of the lab's, seeds, and a grid of parameters, each a lab setting
 * ("link.loss", "tcp.profile") with the values, as written, it takes in turn. timeoutNanos: the
 * wall-clock limit of one run (0: the default).
 */
public record SweepSpec(String name, String lab, String script, List<Long> seeds, SequencedMap<String, List<String>> parameters,
                        long timeoutNanos, String source) {
    public SweepSpec {
        seeds = List.copyOf(seeds);
        SequencedMap<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        parameters = Collections.unmodifiableSequencedMap(copy);
    }

    /** How many runs the grid and the seeds make. */
    public long size() {
        long n = seeds.size();
        for (List<String> v : parameters.values()) n *= v.size();
        return n;
    }
}
