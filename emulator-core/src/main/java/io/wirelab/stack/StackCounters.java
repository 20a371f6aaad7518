package io.wirelab.stack;

import io.wirelab.stack.udp.UdpDrop;
import io.wirelab.trace.CounterGroup;
import io.wirelab.trace.Counters;
import io.wirelab.wire.Malformed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counters of one NetworkStack below TCP: events (StackEvent), drops by each layer's DropReason enum,
 * and the parser's Malformed reason behind each MALFORMED drop, per layer. Single-threaded.
 */
public final class StackCounters {
    /** One layer's drops and the Malformed reasons behind its MALFORMED drops. */
    private record Layer<E extends Enum<E> & DropReason>(Class<E> type, Counters<E> drops, Counters<Malformed> malformed) {
        static <E extends Enum<E> & DropReason> Layer<E> of(Class<E> type) {
            String layer = type.getEnumConstants()[0].layer();
            return new Layer<>(type, Counters.of(type), Counters.prefixed(Malformed.class, layer + ".rx.drop.malformed."));
        }

        void count(DropReason r) { drops.count(type.cast(r)); }
        void add(DropReason r, long n) { drops.add(type.cast(r), n); }
        long get(DropReason r) { return drops.get(type.cast(r)); }
    }

    private final Counters<StackEvent> events = Counters.of(StackEvent.class);
    private final Layer<EthernetDrop> ethernet = Layer.of(EthernetDrop.class);
    private final Layer<ArpDrop> arp = Layer.of(ArpDrop.class);
    private final Layer<Ipv4Drop> ipv4 = Layer.of(Ipv4Drop.class);
    private final Layer<Icmpv4Drop> icmp = Layer.of(Icmpv4Drop.class);
    private final Layer<UdpDrop> udp = Layer.of(UdpDrop.class);
    private final CounterGroup all = new CounterGroup(events,
            ethernet.drops(), ethernet.malformed(), arp.drops(), arp.malformed(), ipv4.drops(), ipv4.malformed(),
            icmp.drops(), icmp.malformed(), udp.drops(), udp.malformed());

    /** The interfaces' flood sieves, whose counts are added in before any counter is read. */
    private final List<FloodSieve> sieves = new ArrayList<>(1);

    public void count(StackEvent e) { events.count(e); }
    public long get(StackEvent e) { drainSieves(); return events.get(e); }

    void add(StackEvent e, long n) { events.add(e, n); }
    void addDrops(DropReason reason, long n) { layerOf(reason).add(reason, n); }
    void addSieve(FloodSieve s) { sieves.add(s); }

    private void drainSieves() {
        for (int i = 0; i < sieves.size(); i++) sieves.get(i).drainInto(this);
    }

    public void drop(DropReason reason) { layerOf(reason).count(reason); }

    /** A MALFORMED-style drop together with the parser's reason. */
    public void drop(DropReason reason, Malformed why) {
        drop(reason);
        layerOf(reason).malformed().count(why);
    }

    public long drops(DropReason reason) { drainSieves(); return layerOf(reason).get(reason); }

    /** How often the layer of reason (e.g. Ipv4Drop.MALFORMED) rejected bytes as why. */
    public long malformed(DropReason reason, Malformed why) { return layerOf(reason).malformed().get(why); }

    public long totalDrops() {
        drainSieves();
        return ethernet.drops().total() + arp.drops().total() + ipv4.drops().total() + icmp.drops().total() + udp.drops().total();
    }

    /** Every non-zero counter by name ("ipv4.rx.drop.bad_checksum", "ipv4.rx.drop.malformed.truncated"), sorted. */
    public SortedMap<String, Long> snapshot() { drainSieves(); return Collections.unmodifiableSortedMap(new TreeMap<>(all.snapshot())); }

    private Layer<?> layerOf(DropReason reason) {
        return switch (reason) {
            case EthernetDrop d -> ethernet;
            case ArpDrop d -> arp;
            case Ipv4Drop d -> ipv4;
            case Icmpv4Drop d -> icmp;
            case UdpDrop d -> udp;
            default -> throw new IllegalArgumentException(reason.counterName() + " is not a stack counter");
        };
    }
}
