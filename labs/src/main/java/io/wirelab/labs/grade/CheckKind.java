package io.wirelab.labs.grade;

import io.wirelab.labs.model.Endpoint;
import io.wirelab.wire.filter.DisplayFilter;
import io.wirelab.wire.ipv4.Ipv4Cidr;

/** What a check asserts. Every kind reads the finished run only; none changes it. */
public sealed interface CheckKind {
    /** The number of frames of the capture at point that the display filter matches satisfies count. */
    record Frames(Endpoint capture, DisplayFilter filter, Count count) implements CheckKind {}

    /** The host's DHCP client (of iface, or its first) holds a bound lease, inside within when given. */
    record DhcpLease(String host, String iface, Ipv4Cidr within) implements CheckKind {}

    /**
     * At least one HTTP exchange the client made through the DSL matches every given condition: the URL's
     * host (name or address) and path, the method, the status (null: a complete response below 400),
     * https or not (tls, null: either), and a total time within withinNanos (-1: any).
     */
    record Http(String client, String host, String path, String method, Integer status, Boolean tls, long withinNanos) implements CheckKind {}

    /** The submission's script ran to its end (its asserts held). */
    record ScriptCompleted() implements CheckKind {}

    /** Groovy code, sandboxed, over a read-only view of the results; passes when it returns true. line: where the code starts in the rubric. */
    record Groovy(String code, int line) implements CheckKind {}

    /** A comparison of a frame count with n: "== 0", ">= 1". */
    record Count(String op, long n) {
        public static final java.util.List<String> OPS = java.util.List.of("==", "!=", ">=", "<=", ">", "<");

        public boolean test(long count) {
            return switch (op) {
                case "==" -> count == n;
                case "!=" -> count != n;
                case ">=" -> count >= n;
                case "<=" -> count <= n;
                case ">" -> count > n;
                case "<" -> count < n;
                default -> throw new IllegalStateException(op);
            };
        }

        @Override public String toString() { return op + " " + n; }
    }
}
