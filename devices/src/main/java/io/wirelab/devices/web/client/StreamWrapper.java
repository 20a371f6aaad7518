package io.wirelab.devices.web.client;

import io.wirelab.devices.stream.ByteStream;
import java.util.concurrent.CompletableFuture;

/** Turns a connected stream into a secured one (the TLS handshake) for https URLs. */
@FunctionalInterface
public interface StreamWrapper {
    CompletableFuture<ByteStream> wrap(ByteStream raw, String serverName);
}
