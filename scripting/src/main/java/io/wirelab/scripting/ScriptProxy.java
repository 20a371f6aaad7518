package io.wirelab.scripting;

import io.wirelab.devices.proxy.HttpProxy;
import java.util.List;
import java.util.SequencedMap;

/** {@code proxy1.proxy}: a host's HTTP proxy as scripts read it: {@code mode}, {@code counter(name)}, {@code counters()}, {@code log()}. */
public final class ScriptProxy {
    private final HttpProxy proxy;

    ScriptProxy(HttpProxy proxy) { this.proxy = proxy; }

    /** "smart" or "dumb". */
    public String getMode() { return proxy.config().mode().yamlName(); }
    public long counter(String name) { return proxy.counter(name); }
    public SequencedMap<String, Long> counters() { return proxy.counters(); }
    /** Every request the proxy took, in order: connection, time, method, target, status (0 for a dumb relay), kept alive. */
    public List<HttpProxy.ProxiedRequest> log() { return proxy.log(); }

    @Override public String toString() { return getMode() + " proxy (" + log().size() + " requests)"; }
}
