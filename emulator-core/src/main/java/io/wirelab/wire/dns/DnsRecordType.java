package io.wirelab.wire.dns;

/** RR TYPE / QTYPE (RFC 1035 §3.2.2, §3.2.3). Unknown values survive parse and emit. */
public record DnsRecordType(int value) {
    public static final DnsRecordType A = new DnsRecordType(1);
    public static final DnsRecordType NS = new DnsRecordType(2);
    public static final DnsRecordType CNAME = new DnsRecordType(5);
    public static final DnsRecordType SOA = new DnsRecordType(6);
    public static final DnsRecordType PTR = new DnsRecordType(12);
    public static final DnsRecordType MX = new DnsRecordType(15);
    public static final DnsRecordType TXT = new DnsRecordType(16);
    public static final DnsRecordType AAAA = new DnsRecordType(28);   // RFC 3596 §2.1
    public static final DnsRecordType OPT = new DnsRecordType(41);    // RFC 6891 §6.1.1
    public static final DnsRecordType AXFR = new DnsRecordType(252);
    public static final DnsRecordType ANY = new DnsRecordType(255);

    public DnsRecordType {
        if (value < 0 || value > 0xffff) throw new IllegalArgumentException("type " + value);
    }

    public static DnsRecordType of(int value) {
        return switch (value) {
            case 1 -> A; case 2 -> NS; case 5 -> CNAME; case 6 -> SOA; case 12 -> PTR; case 15 -> MX;
            case 16 -> TXT; case 28 -> AAAA; case 41 -> OPT; case 252 -> AXFR; case 255 -> ANY;
            default -> new DnsRecordType(value);
        };
    }

    /** "A", "MX", or RFC 3597 "TYPE65280". */
    public static DnsRecordType parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "A" -> A; case "NS" -> NS; case "CNAME" -> CNAME; case "SOA" -> SOA; case "PTR" -> PTR;
            case "MX" -> MX; case "TXT" -> TXT; case "AAAA" -> AAAA; case "OPT" -> OPT; case "AXFR" -> AXFR;
            case "ANY" -> ANY;
            default -> {
                if (t.startsWith("TYPE")) {
                    try { yield of(Integer.parseInt(t.substring(4))); } catch (NumberFormatException e) { /* fall through */ }
                }
                throw new IllegalArgumentException("'" + text + "' is not a DNS record type");
            }
        };
    }

    @Override public String toString() {
        return switch (value) {
            case 1 -> "A"; case 2 -> "NS"; case 5 -> "CNAME"; case 6 -> "SOA"; case 12 -> "PTR"; case 15 -> "MX";
            case 16 -> "TXT"; case 28 -> "AAAA"; case 41 -> "OPT"; case 252 -> "AXFR"; case 255 -> "ANY";
            default -> "TYPE" + value;
        };
    }
}
