package io.wirelab.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/** One run of a sweep: its index in the plan, its run id, the parameter values (as written in the sweep file) and the seed. */
public record SweepItem(int index, String id, SequencedMap<String, String> parameters, long seed) {
    public SweepItem {
        parameters = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(parameters));
    }

    /** "link.loss=1% tcp.profile=linux seed=3". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        parameters.forEach((k, v) -> sb.append(k).append('=').append(v).append(' '));
        return sb.append("seed=").append(seed).toString();
    }
}
