package io.wirelab.wire.dns;

/** ID and the 16-bit flags word (RFC 1035 §4.1.1); counts come from the sections of {@link DnsMessage}. */
public record DnsHeader(int id, int flags) {
    public static final int QR = 0x8000, AA = 0x0400, TC = 0x0200, RD = 0x0100, RA = 0x0080;
    public static final int LENGTH = 12;

    public DnsHeader {
        if (id < 0 || id > 0xffff || flags < 0 || flags > 0xffff) throw new IllegalArgumentException("id/flags must be 16-bit");
    }

    public static DnsHeader query(int id, boolean rd) { return new DnsHeader(id, rd ? RD : 0); }

    public boolean qr() { return (flags & QR) != 0; }
    public int opcode() { return (flags >>> 11) & 0xf; }
    public boolean aa() { return (flags & AA) != 0; }
    public boolean tc() { return (flags & TC) != 0; }
    public boolean rd() { return (flags & RD) != 0; }
    public boolean ra() { return (flags & RA) != 0; }
    public int rcode() { return flags & 0xf; }

    public DnsHeader with(int bit, boolean on) { return new DnsHeader(id, on ? flags | bit : flags & ~bit); }
    public DnsHeader withRcode(int rcode) { return new DnsHeader(id, (flags & ~0xf) | (rcode & 0xf)); }
    public DnsHeader withOpcode(int opcode) { return new DnsHeader(id, (flags & ~0x7800) | ((opcode & 0xf) << 11)); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("id 0x").append(Integer.toHexString(id));
        if (qr()) sb.append(" qr");
        if (opcode() != 0) sb.append(" opcode ").append(opcode());
        if (aa()) sb.append(" aa");
        if (tc()) sb.append(" tc");
        if (rd()) sb.append(" rd");
        if (ra()) sb.append(" ra");
        return sb.append(' ').append(DnsRcode.name(rcode())).toString();
    }
}
