package io.wirelab.wire.dns;

import io.wirelab.wire.ipv4.Ipv4Address;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** RDATA of the record types this stack understands (RFC 1035 §3.3, RFC 3596); anything else stays raw. */
public sealed interface DnsRdata {
    record A(Ipv4Address address) implements DnsRdata {
        @Override public String toString() { return address.toString(); }
    }

    /** An IPv6 address as two 64-bit halves (RFC 3596 §2.2). */
    record Aaaa(long high, long low) implements DnsRdata {
        public static Aaaa parse(String text) {
            byte[] b = Inet6Address.ofLiteral(text).getAddress();
            if (b.length != 16) throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
            return of(b, 0);
        }

        static Aaaa of(byte[] b, int at) {
            long h = 0, l = 0;
            for (int i = 0; i < 8; i++) { h = (h << 8) | (b[at + i] & 0xff); l = (l << 8) | (b[at + 8 + i] & 0xff); }
            return new Aaaa(h, l);
        }

        /** RFC 5952 §4 text: lowercase, leading zeros dropped, the longest run of two or more zero groups as "::". */
        @Override public String toString() {
            int[] g = new int[8];
            for (int i = 0; i < 4; i++) { g[i] = (int) (high >>> (48 - 16 * i)) & 0xffff; g[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff; }
            int bestAt = -1, bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (g[i] != 0) { i++; continue; }
                int j = i;
                while (j < 8 && g[j] == 0) j++;
                if (j - i > bestLen) { bestAt = i; bestLen = j - i; }
                i = j;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestAt) { sb.append("::"); i += bestLen - 1; continue; }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
                sb.append(Integer.toHexString(g[i]));
            }
            return sb.toString();
        }
    }

    record Ns(DnsName host) implements DnsRdata {
        @Override public String toString() { return host.toString(); }
    }

    record Cname(DnsName target) implements DnsRdata {
        @Override public String toString() { return target.toString(); }
    }

    record Ptr(DnsName target) implements DnsRdata {
        @Override public String toString() { return target.toString(); }
    }

    record Mx(int preference, DnsName exchange) implements DnsRdata {
        public Mx {
            if (preference < 0 || preference > 0xffff) throw new IllegalArgumentException("preference " + preference);
        }

        @Override public String toString() { return preference + " " + exchange; }
    }

    /** RFC 1035 §3.3.13; the five counters are unsigned 32-bit. */
    record Soa(DnsName mname, DnsName rname, long serial, long refresh, long retry, long expire, long minimum) implements DnsRdata {
        @Override public String toString() {
            return mname + " " + rname + " " + serial + " " + refresh + " " + retry + " " + expire + " " + minimum;
        }
    }

    /** One or more character-strings, each at most 255 octets, kept as Latin-1 (RFC 1035 §3.3.14). */
    record Txt(List<String> strings) implements DnsRdata {
        public Txt {
            strings = List.copyOf(strings);
            for (String s : strings) if (s.length() > 255) throw new IllegalArgumentException("TXT string longer than 255 octets");
        }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            for (String s : strings) sb.append(sb.isEmpty() ? "" : " ").append('"').append(s).append('"');
            return sb.toString();
        }
    }

    /** RDATA of a type this stack does not interpret, OPT included; emitted unchanged (RFC 3597 §4). */
    record Raw(byte[] bytes) implements DnsRdata {
        public Raw { bytes = bytes.clone(); }

        @Override public byte[] bytes() { return bytes.clone(); }

        int length() { return bytes.length; }

        void copy(byte[] out, int at) { System.arraycopy(bytes, 0, out, at, bytes.length); }

        @Override public boolean equals(Object o) { return o instanceof Raw r && Arrays.equals(r.bytes, bytes); }

        @Override public int hashCode() { return Arrays.hashCode(bytes); }

        @Override public String toString() { return "\\# " + bytes.length + " " + HexFormat.of().formatHex(bytes); }
    }
}
