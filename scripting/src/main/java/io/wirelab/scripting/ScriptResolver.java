package io.wirelab.scripting;

import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.List;
import java.util.SequencedMap;

/** {@code pc1.resolver}: what scripts read of a host's stub resolver: its servers, search list and counters. */
public final class ScriptResolver {
    private final StubResolver resolver;

    ScriptResolver(StubResolver resolver) { this.resolver = resolver; }

    /** The DNS servers in use, as text (from the lab file, or from the DHCP lease). */
    public List<String> getServers() { return resolver.config().servers().stream().map(Ipv4Address::toString).toList(); }
    public List<String> getSearch() { return resolver.config().search(); }
    public long counter(String name) { return resolver.counter(name); }
    public SequencedMap<String, Long> counters() { return resolver.counters(); }
    /** Forgets every cached answer, positive and negative. */
    public void flushCache() { resolver.flushCache(); }

    @Override public String toString() { return "resolver (servers " + getServers() + ", search " + getSearch() + ")"; }
}
