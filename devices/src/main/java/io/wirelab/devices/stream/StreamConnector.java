package io.wirelab.devices.stream;

import io.wirelab.wire.ipv4.Ipv4Address;
import java.util.concurrent.CompletableFuture;

/** Opens client streams (TCP connect). Fails with a StreamException. */
public interface StreamConnector {
    CompletableFuture<ByteStream> connect(Ipv4Address address, int port);
}
