package io.wirelab.wire.dns;

import io.wirelab.wire.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** DNS over TCP: each message is prefixed by its length as two octets (RFC 1035 §4.2.2, RFC 7766 §8). */
public final class DnsTcpFraming {
    private byte[] pending = new byte[0];

    /** The message with its length prefix. */
    public static byte[] frame(byte[] message) {
        if (message.length > 0xffff) throw new IllegalArgumentException("DNS message longer than 65535 octets");
        byte[] out = new byte[message.length + 2];
        Bytes.put16(out, 0, message.length);
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }

    /** Appends stream bytes; returns every message now complete, in order. */
    public List<byte[]> feed(byte[] b, int off, int len) {
        byte[] all = Arrays.copyOf(pending, pending.length + len);
        System.arraycopy(b, off, all, pending.length, len);
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (all.length - p >= 2) {
            int n = Bytes.u16(all, p);
            if (all.length - p - 2 < n) break;
            out.add(Arrays.copyOfRange(all, p + 2, p + 2 + n));
            p += 2 + n;
        }
        pending = Arrays.copyOfRange(all, p, all.length);
        return out;
    }

    /** Bytes held for a message not yet complete. */
    public int buffered() { return pending.length; }
}
