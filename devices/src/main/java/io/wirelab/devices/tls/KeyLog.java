package io.wirelab.devices.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A lab's key log: lines in arrival order, duplicates dropped; text() is a key-log file's content. */
public final class KeyLog implements KeyLogSink {
    private final Set<String> lines = new LinkedHashSet<>();

    @Override public void accept(String line) { lines.add(line); }

    public List<String> lines() { return Collections.unmodifiableList(new ArrayList<>(lines)); }

    public boolean isEmpty() { return lines.isEmpty(); }

    /** NSS key log file content, one line per secret, newline-terminated. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        return sb.toString();
    }
}
