package io.wirelab.wire.dhcp;

import java.util.Arrays;
import java.util.HexFormat;

/** One option instance as it appears on the wire: code and value bytes (RFC 2132 §2). */
public record DhcpOption(int code, byte[] value) {
    public DhcpOption {
        if (code <= 0 || code >= 255) throw new IllegalArgumentException("option code " + code + " is pad/end or out of range");
        if (value.length > 255) throw new IllegalArgumentException("option " + code + " value longer than 255 bytes");
        value = value.clone();
    }

    @Override public byte[] value() { return value.clone(); }

    int length() { return value.length; }

    byte valueByte(int i) { return value[i]; }

    void copyValue(byte[] out, int at) { System.arraycopy(value, 0, out, at, value.length); }

    @Override public boolean equals(Object o) {
        return o instanceof DhcpOption d && d.code == code && Arrays.equals(d.value, value);
    }

    @Override public int hashCode() { return 31 * code + Arrays.hashCode(value); }

    @Override public String toString() { return "option(" + code + ")=" + HexFormat.of().formatHex(value); }
}
