package io.wirelab.wire.dhcp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.ipv4.Ipv4Address;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one message in wire order. Typed getters concatenate repeated instances of a code
 * (RFC 3396 §7) and return null (or an empty list) when the option is absent or its length is wrong.
 */
public final class DhcpOptions {
    private final List<DhcpOption> list;

    public DhcpOptions(List<DhcpOption> options) { this.list = List.copyOf(options); }

    public static DhcpOptions empty() { return new DhcpOptions(List.of()); }

    public List<DhcpOption> list() { return list; }

    /** The bytes of every instance of code joined in order, or null when absent (RFC 3396 §7). */
    public byte[] get(int code) {
        ByteArrayOutputStream out = null;
        for (DhcpOption o : list) {
            if (o.code() != code) continue;
            if (out == null) out = new ByteArrayOutputStream();
            out.writeBytes(o.value());
        }
        return out == null ? null : out.toByteArray();
    }

    public boolean has(int code) {
        for (DhcpOption o : list) if (o.code() == code) return true;
        return false;
    }

    /** Option 53, or null when absent, of the wrong length or an unknown code (RFC 2132 §9.6). */
    public DhcpMessageType messageType() {
        byte[] v = get(DhcpOptionCode.MESSAGE_TYPE);
        return v == null || v.length != 1 ? null : DhcpMessageType.of(v[0] & 0xff);
    }

    public Ipv4Address subnetMask() { return address(DhcpOptionCode.SUBNET_MASK); }
    public List<Ipv4Address> routers() { return addresses(DhcpOptionCode.ROUTER); }
    public List<Ipv4Address> dnsServers() { return addresses(DhcpOptionCode.DOMAIN_NAME_SERVER); }
    public String hostName() { return text(DhcpOptionCode.HOST_NAME); }
    public String domainName() { return text(DhcpOptionCode.DOMAIN_NAME); }
    public Ipv4Address requestedAddress() { return address(DhcpOptionCode.REQUESTED_ADDRESS); }
    public Ipv4Address serverIdentifier() { return address(DhcpOptionCode.SERVER_IDENTIFIER); }
    /** Seconds; -1 when absent. 0xffffffff means infinity (RFC 2132 §9.2). */
    public long leaseTime() { return u32(DhcpOptionCode.LEASE_TIME); }
    public long renewalTime() { return u32(DhcpOptionCode.RENEWAL_TIME); }
    public long rebindingTime() { return u32(DhcpOptionCode.REBINDING_TIME); }
    /** -1 when absent or shorter than the 576-byte minimum (RFC 2132 §9.10). */
    public int maxMessageSize() {
        byte[] v = get(DhcpOptionCode.MAX_MESSAGE_SIZE);
        if (v == null || v.length != 2) return -1;
        int n = Bytes.u16(v, 0);
        return n < 576 ? -1 : n;
    }
    public byte[] parameterRequestList() { return get(DhcpOptionCode.PARAMETER_REQUEST_LIST); }
    public byte[] clientIdentifier() {
        byte[] v = get(DhcpOptionCode.CLIENT_IDENTIFIER);
        return v == null || v.length < 2 ? null : v;   // RFC 2132 §9.14: minimum length 2
    }
    public String message() { return text(DhcpOptionCode.MESSAGE); }

    private Ipv4Address address(int code) {
        byte[] v = get(code);
        return v == null || v.length != 4 ? null : Ipv4Address.read(v, 0);
    }

    private List<Ipv4Address> addresses(int code) {
        byte[] v = get(code);
        if (v == null || v.length == 0 || v.length % 4 != 0) return List.of();
        List<Ipv4Address> out = new ArrayList<>(v.length / 4);
        for (int i = 0; i < v.length; i += 4) out.add(Ipv4Address.read(v, i));
        return List.copyOf(out);
    }

    private String text(int code) {
        byte[] v = get(code);
        if (v == null) return null;
        int n = v.length;
        while (n > 0 && v[n - 1] == 0) n--;   // some clients NUL-terminate (RFC 2132 §2 says they should not)
        return new String(v, 0, n, StandardCharsets.ISO_8859_1);
    }

    private long u32(int code) {
        byte[] v = get(code);
        return v == null || v.length != 4 ? -1 : Bytes.u32(v, 0);
    }

    /** Bytes the options take when emitted, End option included. */
    int emittedLength() {
        int n = 1;
        for (DhcpOption o : list) n += 2 + o.length();
        return n;
    }

    public static Builder builder() { return new Builder(); }

    /** Options in the order added; emitting keeps that order. */
    public static final class Builder {
        private final List<DhcpOption> list = new ArrayList<>();

        public Builder add(int code, byte[] value) { list.add(new DhcpOption(code, value)); return this; }
        public Builder messageType(DhcpMessageType t) { return add(DhcpOptionCode.MESSAGE_TYPE, new byte[] {(byte) t.code()}); }
        public Builder address(int code, Ipv4Address a) {
            byte[] v = new byte[4];
            a.write(v, 0);
            return add(code, v);
        }
        public Builder addresses(int code, List<Ipv4Address> as) {
            if (as.isEmpty()) return this;
            byte[] v = new byte[4 * as.size()];
            for (int i = 0; i < as.size(); i++) as.get(i).write(v, 4 * i);
            return add(code, v);
        }
        public Builder u32(int code, long value) {
            byte[] v = new byte[4];
            Bytes.putI32(v, 0, (int) value);
            return add(code, v);
        }
        public Builder u16(int code, int value) {
            byte[] v = new byte[2];
            Bytes.put16(v, 0, value);
            return add(code, v);
        }
        public Builder text(int code, String s) { return add(code, s.getBytes(StandardCharsets.ISO_8859_1)); }
        public DhcpOptions build() { return new DhcpOptions(list); }
    }
}
