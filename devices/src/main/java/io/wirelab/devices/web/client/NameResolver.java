package io.wirelab.devices.web.client;

import io.wirelab.devices.dns.resolver.StubResolver;
import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.concurrent.CompletableFuture;

/** Name to address (a stub resolver); literal addresses never reach it. */
@FunctionalInterface
public interface NameResolver {
    CompletableFuture<Ipv4Address> resolve(String name);

    static NameResolver none() {
        return name -> CompletableFuture.failedFuture(new IllegalStateException("no resolver for " + name));
    }

    /** The host's DNS stub resolver; the first A record wins. */
    static NameResolver of(StubResolver stub) {
        return name -> stub.resolve(name).thenCompose(list -> list.isEmpty()
                ? CompletableFuture.failedFuture(new IllegalStateException("no address for " + name))
                : CompletableFuture.completedFuture(list.getFirst()));
    }
}
