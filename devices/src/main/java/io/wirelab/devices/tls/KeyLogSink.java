package io.wirelab.devices.tls;

/** Receives NSS key log lines ("CLIENT_RANDOM <hex> <hex>", SSLKEYLOGFILE format). */
@FunctionalInterface
public interface KeyLogSink {
    void accept(String line);

    KeyLogSink NONE = line -> { };
}
