package io.wirelab.devices.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A lab's key log: lines in arrival order, duplicates dropped; text() is a key-log file's content. */
public final class KeyLog implements KeyLogSink {
    private final Set<String> lines = new LinkedHashSet<>();
    private final List<KeyLogSink> listeners = new ArrayList<>();

    @Override public void accept(String line) {
        if (lines.add(line)) for (KeyLogSink l : List.copyOf(listeners)) l.accept(line);
    }

    /** Hears every new line from now on (a live capture puts them on its stream). */
    public void addListener(KeyLogSink listener) { listeners.add(listener); }

    public void removeListener(KeyLogSink listener) { listeners.remove(listener); }

    public List<String> lines() { return Collections.unmodifiableList(new ArrayList<>(lines)); }

    public boolean isEmpty() { return lines.isEmpty(); }

    /** NSS key log file content, one line per secret, newline-terminated. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        return sb.toString();
    }
}
