package io.wirelab.scripting;

import io.wirelab.devices.dns.resolver.ResolveException;
import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.devices.web.client.NameResolver;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one way a host's DSL calls turn a host argument into an address (ping, tcpConnect, tcpSend,
 * http, browser): an IPv4 address, else a device of this lab (its first configured address), else a
 * DNS name looked up by the host's stub resolver, search domains applied ({@code 'www'} finds
 * {@code www.lab.test}). HTTP clients get it as their {@link NameResolver}, so a URL may name a device.
 */
final class HostNames implements NameResolver {
    private final HostFacade host;

    HostNames(HostFacade host) { this.host = host; }

    /** As a NameResolver: completes with the address, or fails with the reason as its message. */
    @Override public CompletableFuture<Ipv4Address> resolve(String name) {
        Ipv4Address known;
        try {
            known = withoutDns(name);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (known != null) return CompletableFuture.completedFuture(known);
        StubResolver r = host.resolverOrNull();
        if (r == null || r.config().servers().isEmpty())
            return CompletableFuture.failedFuture(new IllegalArgumentException(notFound(name, r)));
        return NameResolver.of(r).resolve(name);
    }

    /** Runs the lab until target has an address; fails with "cannot VERB 'target': ..." and a hint. */
    Ipv4Address addressOf(String verb, String target) {
        Ipv4Address known;
        try {
            known = withoutDns(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot " + verb + " " + e.getMessage(), e);
        }
        if (known != null) return known;
        StubResolver r = host.resolverOrNull();
        if (r == null || r.config().servers().isEmpty())
            throw new IllegalArgumentException("cannot " + verb + " '" + target + "': " + notFound(target, r));
        List<Ipv4Address> addrs;
        try {
            addrs = host.lab().await(r.resolve(target), host.resolveBudget(), () -> "no DNS answer for " + target);
        } catch (ResolveException e) {
            if (e.reason() != ResolveException.Reason.NXDOMAIN && e.reason() != ResolveException.Reason.NO_DATA)
                throw new IllegalStateException("cannot " + verb + " '" + target + "': DNS lookup failed: " + HostFacade.describe(e), e);
            addrs = List.of();
        }
        if (addrs.isEmpty())
            throw new IllegalArgumentException("cannot " + verb + " '" + target + "': unknown host (DNS has no address for it)" + hint(target));
        return addrs.getFirst();
    }

    /** An IPv4 literal or a device of the lab, or null for a name DNS must answer. */
    private Ipv4Address withoutDns(String target) {
        if (host.lab().getDevices().get(target) instanceof HostFacade h) {
            if (h.getIp() == null) throw new IllegalArgumentException(target + ": it has no IPv4 address (yet)");
            return Ipv4Address.parse(h.getIp());
        }
        if (host.lab().getDevices().get(target) instanceof RouterFacade r) return Ipv4Address.parse(r.getIp());
        try {
            return Ipv4Address.parse(target);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String notFound(String target, StubResolver r) {
        return "not an IPv4 address and not a host of this lab"
                + (r != null && target.contains(".") ? " (and " + host.getName() + " has no DNS server to look it up)" : "") + hint(target);
    }

    private String hint(String target) {
        String s = DidYouMean.suggest(target, host.lab().getDevices().keySet());
        return s != null ? "; did you mean '" + s + "'?" : "";
    }
}
