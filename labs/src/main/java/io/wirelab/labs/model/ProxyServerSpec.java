package io.wirelab.labs.model;

import io.wirelab.devices.proxy.ProxyMode;

/** `services: proxy:`: an HTTP proxy in mode (smart, the default, or dumb) on port (default 3128, Squid's). */
public record ProxyServerSpec(ProxyMode mode, int port) {
    public static final int DEFAULT_PORT = 3128;

    public ProxyServerSpec {
        if (mode == null || port < 1 || port > 65535) throw new IllegalArgumentException("proxy " + mode + " " + port);
    }
}
