package io.wirelab.devices.web.client;

/** How a client spreads requests over connections (HTTP: The Definitive Guide, chapter 4). */
public sealed interface ConnectionPolicy {
    /** One request per connection, one connection at a time; the connection closes after the response. */
    record Serial() implements ConnectionPolicy {}

    /** Up to n simultaneous one-request connections per host. */
    record Parallel(int connections) implements ConnectionPolicy {
        public Parallel { if (connections < 1) throw new IllegalArgumentException("connections " + connections); }
    }

    /** Keep-alive reuse with at most maxPerHost connections per host, one request outstanding on each. */
    record Persistent(int maxPerHost) implements ConnectionPolicy {
        public Persistent { if (maxPerHost < 1) throw new IllegalArgumentException("maxPerHost " + maxPerHost); }
    }

    /** Persistent connections carrying up to depth outstanding idempotent requests once known persistent (RFC 9112 §9.3.2). */
    record Pipelined(int depth, int connections) implements ConnectionPolicy {
        public Pipelined { if (depth < 1 || connections < 1) throw new IllegalArgumentException("depth/connections"); }
    }

    static ConnectionPolicy serial() { return new Serial(); }
    static ConnectionPolicy parallel(int n) { return new Parallel(n); }
    /** RFC 2616 §8.1.4 advised two connections per server; the book quotes it. */
    static ConnectionPolicy persistent() { return new Persistent(2); }
    static ConnectionPolicy persistent(int maxPerHost) { return new Persistent(maxPerHost); }
    static ConnectionPolicy pipelined(int depth) { return new Pipelined(depth, 1); }

    /** "serial", "persistent", "parallel", "pipelined" with the defaults above (parallel: 4, pipelined: depth 8). */
    static ConnectionPolicy named(String name) {
        return switch (name) {
            case "serial" -> serial();
            case "persistent" -> persistent();
            case "parallel" -> parallel(4);
            case "pipelined" -> pipelined(8);
            default -> throw new IllegalArgumentException("unknown connection policy '" + name
                    + "' (serial, persistent, parallel, pipelined)");
        };
    }

    default int maxConnections() {
        return switch (this) {
            case Serial s -> 1;
            case Parallel p -> p.connections();
            case Persistent p -> p.maxPerHost();
            case Pipelined p -> p.connections();
        };
    }

    default boolean reusesConnections() { return this instanceof Persistent || this instanceof Pipelined; }
}
