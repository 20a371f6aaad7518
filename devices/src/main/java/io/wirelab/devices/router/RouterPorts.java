package io.wirelab.devices.router;

import io.wirelab.stack.NetInterface;
import io.wirelab.trace.Counters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Forwarding counters per router interface: "eth0.forward.rx", "eth0.forward.tx", "eth0.forward.drop". */
final class RouterPorts {
    enum Event {
        /** Datagrams for other hosts that arrived here. */
        RX("rx"),
        /** Datagrams (or fragments) forwarded out of here. */
        TX("tx"),
        /** Datagrams that arrived here and were not forwarded. */
        DROP("drop");

        final String label;

        Event(String label) { this.label = label; }
    }

    private final Map<NetInterface, Counters<Event>> byInterface = new LinkedHashMap<>();

    void add(NetInterface iface) {
        byInterface.put(iface, new Counters<>(Event.class, e -> iface.name() + ".forward." + e.label));
    }

    void count(NetInterface iface, Event e) {
        Counters<Event> c = byInterface.get(iface);
        if (c != null) c.count(e);
    }

    long get(NetInterface iface, Event e) {
        Counters<Event> c = byInterface.get(iface);
        return c == null ? 0 : c.get(e);
    }

    List<Counters<Event>> all() { return List.copyOf(byInterface.values()); }

    void addNonZeroTo(SequencedMap<String, Long> out) {
        for (Counters<Event> c : byInterface.values()) c.addNonZeroTo(out);
    }
}
