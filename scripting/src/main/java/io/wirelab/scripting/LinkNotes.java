package io.wirelab.scripting;

import io.wirelab.link.Link;
import io.wirelab.link.Port;
import io.wirelab.pcap.Capture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run-time link changes as pcapng comments: each capture that records an end of the link puts the
 * change on the first frame it records on that link afterwards (pcapng has no carrier record).
 */
final class LinkNotes {
    private final Map<Capture, Map<Link, List<String>>> pending = new LinkedHashMap<>();

    LinkNotes(List<Capture> captures) {
        for (Capture c : captures) {
            Map<Link, List<String>> notes = new LinkedHashMap<>();
            pending.put(c, notes);
            c.setCommenter((port, direction, frame, now) -> {
                List<String> due = port.link() == null ? null : notes.remove(port.link());
                return due == null ? null : String.join("; ", due);
            });
        }
    }

    void add(Link link, String text) {
        for (Map.Entry<Capture, Map<Link, List<String>>> e : pending.entrySet()) {
            List<Port> ports = e.getKey().ports();
            if (ports.contains(link.a()) || ports.contains(link.b()))
                e.getValue().computeIfAbsent(link, l -> new ArrayList<>()).add(text);
        }
    }
}
