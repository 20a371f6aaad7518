package io.wirelab.wire.dns;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A DNS message (RFC 1035 §4.1). Names are compressed on emit (§4.1.4); parsing never throws. */
public record DnsMessage(DnsHeader header, List<DnsQuestion> questions, List<DnsRecord> answers,
                         List<DnsRecord> authorities, List<DnsRecord> additionals) {
    public static final int UDP_LIMIT = 512;   // RFC 1035 §2.3.4 / §4.2.1
    public static final int PORT = 53;
    private static final int MAX_POINTERS = 127;   // a 255-octet name has at most 127 labels

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
        if (questions.size() > 0xffff || answers.size() > 0xffff || authorities.size() > 0xffff || additionals.size() > 0xffff)
            throw new IllegalArgumentException("section larger than 65535 entries");
    }

    public static DnsMessage query(int id, DnsQuestion q, boolean rd) {
        return new DnsMessage(DnsHeader.query(id, rd), List.of(q), List.of(), List.of(), List.of());
    }

    /** The OPT pseudo-RR in the additional section, or null (RFC 6891 §6.1.1). */
    public DnsRecord opt() {
        for (DnsRecord r : additionals) if (r.type().equals(DnsRecordType.OPT)) return r;
        return null;
    }

    public DnsMessage withHeader(DnsHeader h) { return new DnsMessage(h, questions, answers, authorities, additionals); }

    // ---- emit ----

    /** Encodes with name compression. Allocates the result array only. */
    public byte[] encode() {
        Writer w = new Writer();
        w.u16(header.id());
        w.u16(header.flags());
        w.u16(questions.size());
        w.u16(answers.size());
        w.u16(authorities.size());
        w.u16(additionals.size());
        for (DnsQuestion q : questions) {
            w.name(q.name(), true);
            w.u16(q.type().value());
            w.u16(q.qclass());
        }
        for (List<DnsRecord> section : List.of(answers, authorities, additionals)) for (DnsRecord r : section) w.record(r);
        return w.toArray();
    }

    private static final class Writer {
        private byte[] buf = new byte[512];
        private int n;
        private final Map<String, Integer> suffixes = new HashMap<>();   // lookup only, never iterated

        void ensure(int more) { if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more)); }
        void u8(int v) { ensure(1); Bytes.put8(buf, n, v); n += 1; }
        void u16(int v) { ensure(2); Bytes.put16(buf, n, v); n += 2; }
        void u32(long v) { ensure(4); Bytes.putI32(buf, n, (int) v); n += 4; }
        void bytes(byte[] b) { ensure(b.length); System.arraycopy(b, 0, buf, n, b.length); n += b.length; }

        /** RFC 1035 §4.1.4: point at an earlier occurrence of the longest matching suffix; exact case, so the case of every name survives. */
        void name(DnsName name, boolean compress) {
            List<String> labels = name.labels();
            for (int i = 0; i < labels.size(); i++) {
                String key = String.join(".", labels.subList(i, labels.size()));
                Integer at = compress ? suffixes.get(key) : null;
                if (at != null) { u16(0xc000 | at); return; }
                if (compress && n < 0x4000) suffixes.put(key, n);
                byte[] l = labels.get(i).getBytes(StandardCharsets.ISO_8859_1);
                u8(l.length);
                bytes(l);
            }
            u8(0);
        }

        void record(DnsRecord r) {
            name(r.name(), true);
            u16(r.type().value());
            u16(r.rrClass());
            u32(r.ttl());
            int lenAt = n;
            u16(0);
            switch (r.data()) {
                case DnsRdata.A a -> u32(a.address().bits() & 0xffffffffL);
                case DnsRdata.Aaaa a -> { u32(a.high() >>> 32); u32(a.high() & 0xffffffffL); u32(a.low() >>> 32); u32(a.low() & 0xffffffffL); }
                case DnsRdata.Ns ns -> name(ns.host(), true);            // RFC 3597 §4: well-known types may compress
                case DnsRdata.Cname c -> name(c.target(), true);
                case DnsRdata.Ptr p -> name(p.target(), true);
                case DnsRdata.Mx mx -> { u16(mx.preference()); name(mx.exchange(), true); }
                case DnsRdata.Soa s -> {
                    name(s.mname(), true);
                    name(s.rname(), true);
                    u32(s.serial()); u32(s.refresh()); u32(s.retry()); u32(s.expire()); u32(s.minimum());
                }
                case DnsRdata.Txt t -> {
                    for (String s : t.strings()) {
                        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                        u8(b.length);
                        bytes(b);
                    }
                }
                case DnsRdata.Raw raw -> { ensure(raw.length()); raw.copy(buf, n); n += raw.length(); }
            }
            Bytes.put16(buf, lenAt, n - lenAt - 2);
        }

        byte[] toArray() { return Arrays.copyOf(buf, n); }
    }

    // ---- parse ----

    /** Result of {@link #parse}: a message, or null and the reason. */
    public record Parsed(DnsMessage message, DnsMalformed reason) {
        public boolean ok() { return reason == DnsMalformed.NONE; }
    }

    public static Parsed parse(byte[] b) { return parse(b, 0, b.length); }

    /** Parses [off, off+len). Bytes after the last counted RR are ignored. */
    public static Parsed parse(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) return new Parsed(null, DnsMalformed.TRUNCATED);
        Reader r = new Reader(b, off, off + len);
        if (len < DnsHeader.LENGTH) return new Parsed(null, DnsMalformed.TRUNCATED);
        DnsHeader h = new DnsHeader(Bytes.u16(b, off), Bytes.u16(b, off + 2));
        int qd = Bytes.u16(b, off + 4), an = Bytes.u16(b, off + 6), ns = Bytes.u16(b, off + 8), ar = Bytes.u16(b, off + 10);
        r.p = off + DnsHeader.LENGTH;
        List<DnsQuestion> qs = new ArrayList<>(Math.min(qd, 16));
        for (int i = 0; i < qd; i++) {
            DnsName name = r.name();
            if (name == null || !r.need(4)) return new Parsed(null, r.failure());
            qs.add(new DnsQuestion(name, DnsRecordType.of(Bytes.u16(b, r.p)), Bytes.u16(b, r.p + 2)));
            r.p += 4;
        }
        List<DnsRecord> a1 = r.records(an), a2 = a1 == null ? null : r.records(ns), a3 = a2 == null ? null : r.records(ar);
        if (a3 == null) return new Parsed(null, r.failure());
        return new Parsed(new DnsMessage(h, qs, a1, a2, a3), DnsMalformed.NONE);
    }

    private static final class Reader {
        final byte[] b;
        final int start, end;
        int p;
        DnsMalformed error;

        Reader(byte[] b, int start, int end) { this.b = b; this.start = start; this.end = end; }

        DnsMalformed failure() { return error == null ? DnsMalformed.TRUNCATED : error; }

        boolean need(int k) {
            if (p + k <= end) return true;
            error = DnsMalformed.TRUNCATED;
            return false;
        }

        DnsName fail(DnsMalformed m) { error = m; return null; }

        /** Reads a name at p, following pointers (RFC 1035 §4.1.4); p ends after the name's in-place bytes. */
        DnsName name() { return nameWithin(end); }

        DnsName nameWithin(int limit) {
            List<String> labels = new ArrayList<>();
            int q = p, wire = 1, jumps = 0, resume = -1;
            int bound = limit;
            while (true) {
                if (q >= bound) return fail(DnsMalformed.TRUNCATED);
                int len = Bytes.u8(b, q);
                if ((len & 0xc0) == 0xc0) {
                    if (q + 1 >= bound) return fail(DnsMalformed.TRUNCATED);
                    int target = start + (((len & 0x3f) << 8) | Bytes.u8(b, q + 1));
                    if (target >= q) return fail(DnsMalformed.BAD_POINTER);   // only earlier bytes are a "prior occurrence"
                    if (++jumps > MAX_POINTERS) return fail(DnsMalformed.POINTER_LOOP);
                    if (resume < 0) resume = q + 2;
                    q = target;
                    bound = end;
                    continue;
                }
                if ((len & 0xc0) != 0) return fail(DnsMalformed.BAD_LABEL_TYPE);
                if (len == 0) {
                    p = resume >= 0 ? resume : q + 1;
                    return new DnsName(labels);
                }
                if (q + 1 + len > bound) return fail(DnsMalformed.TRUNCATED);
                wire += 1 + len;
                if (wire > DnsName.MAX_LENGTH) return fail(DnsMalformed.NAME_TOO_LONG);
                labels.add(new String(b, q + 1, len, StandardCharsets.ISO_8859_1));
                q += 1 + len;
            }
        }

        List<DnsRecord> records(int count) {
            List<DnsRecord> out = new ArrayList<>(Math.min(count, 16));
            for (int i = 0; i < count; i++) {
                DnsName name = name();
                if (name == null || !need(10)) return null;
                DnsRecordType type = DnsRecordType.of(Bytes.u16(b, p));
                int cls = Bytes.u16(b, p + 2);
                long ttl = Bytes.u32(b, p + 4);
                int rdlen = Bytes.u16(b, p + 8);
                p += 10;
                if (!need(rdlen)) return null;
                int rdEnd = p + rdlen;
                DnsRdata data = rdata(type, rdEnd);
                if (data == null) return null;
                if (p != rdEnd) { error = DnsMalformed.BAD_RDATA; return null; }
                out.add(new DnsRecord(name, type, cls, ttl, data));
            }
            return out;
        }

        /** RDATA in [p, rdEnd) per RFC 1035 §3.3 / RFC 3596 §2.2; unknown types kept raw (RFC 3597 §5). */
        DnsRdata rdata(DnsRecordType type, int rdEnd) {
            int len = rdEnd - p;
            switch (type.value()) {
                case 1 -> {
                    if (len != 4) return bad();
                    p += 4;
                    return new DnsRdata.A(Ipv4Address.read(b, p - 4));
                }
                case 28 -> {
                    if (len != 16) return bad();
                    p += 16;
                    return DnsRdata.Aaaa.of(b, p - 16);
                }
                case 2, 5, 12 -> {
                    DnsName n = nameWithin(rdEnd);
                    if (n == null) return badIfTruncated();
                    return type.value() == 2 ? new DnsRdata.Ns(n) : type.value() == 5 ? new DnsRdata.Cname(n) : new DnsRdata.Ptr(n);
                }
                case 15 -> {
                    if (len < 3) return bad();
                    int pref = Bytes.u16(b, p);
                    p += 2;
                    DnsName n = nameWithin(rdEnd);
                    return n == null ? badIfTruncated() : new DnsRdata.Mx(pref, n);
                }
                case 6 -> {
                    DnsName m = nameWithin(rdEnd);
                    if (m == null) return badIfTruncated();
                    DnsName rn = nameWithin(rdEnd);
                    if (rn == null) return badIfTruncated();
                    if (rdEnd - p != 20) return bad();
                    long[] v = new long[5];
                    for (int i = 0; i < 5; i++) v[i] = Bytes.u32(b, p + 4 * i);
                    p += 20;
                    return new DnsRdata.Soa(m, rn, v[0], v[1], v[2], v[3], v[4]);
                }
                case 16 -> {
                    List<String> strings = new ArrayList<>();
                    while (p < rdEnd) {
                        int n = Bytes.u8(b, p);
                        if (p + 1 + n > rdEnd) return bad();
                        strings.add(new String(b, p + 1, n, StandardCharsets.ISO_8859_1));
                        p += 1 + n;
                    }
                    return new DnsRdata.Txt(strings);
                }
                default -> {
                    p = rdEnd;
                    return new DnsRdata.Raw(Arrays.copyOfRange(b, rdEnd - len, rdEnd));
                }
            }
        }

        DnsRdata bad() { error = DnsMalformed.BAD_RDATA; return null; }

        /** A name that runs past its RDLENGTH is bad RDATA, not a short message. */
        DnsRdata badIfTruncated() {
            if (error == DnsMalformed.TRUNCATED) error = DnsMalformed.BAD_RDATA;
            return null;
        }
    }

    @Override public String toString() {
        return header + " q" + questions + " an" + answers + " ns" + authorities + " ar" + additionals;
    }
}
