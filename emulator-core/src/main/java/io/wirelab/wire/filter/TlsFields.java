package io.wirelab.wire.filter;

import io.wirelab.wire.Bytes;
import java.nio.charset.StandardCharsets;

/** TLS record and handshake fields of a TCP segment that starts at a record boundary (RFC 8446 §5.1, §4.1.2, RFC 6066 §3). */
final class TlsFields {
    private TlsFields() {}

    static void decode(DecodedFrame f, byte[] b, int off, int len) {
        int at = off, end = off + len;
        boolean first = true;
        while (at + 5 <= end) {
            int type = Bytes.u8(b, at), major = Bytes.u8(b, at + 1), minor = Bytes.u8(b, at + 2);
            if (type < 20 || type > 24 || major != 3 || minor > 4) return;   // change_cipher_spec .. heartbeat, SSL 3.0 .. TLS 1.3
            int length = Bytes.u16(b, at + 3);
            if (first) f.present("tls");
            first = false;
            f.put("tls.record.content_type", (long) type);
            f.put("tls.record.version", (long) Bytes.u16(b, at + 1));
            f.put("tls.record.length", (long) length);
            int body = at + 5, bodyEnd = Math.min(end, body + length);
            if (type == 22 && body + 4 <= bodyEnd) {
                int hsType = Bytes.u8(b, body);
                f.put("tls.handshake.type", (long) hsType);
                if (hsType == 1) serverName(f, b, body + 4, bodyEnd);
            }
            at = body + length;
        }
    }

    /** The server_name extension of a ClientHello whose body starts at at (RFC 8446 §4.1.2). */
    private static void serverName(DecodedFrame f, byte[] b, int at, int end) {
        int p = at + 2 + 32;                                  // legacy_version, random
        if (p + 1 > end) return;
        p += 1 + Bytes.u8(b, p);                              // legacy_session_id
        if (p + 2 > end) return;
        p += 2 + Bytes.u16(b, p);                             // cipher_suites
        if (p + 1 > end) return;
        p += 1 + Bytes.u8(b, p);                              // legacy_compression_methods
        if (p + 2 > end) return;
        int extEnd = Math.min(end, p + 2 + Bytes.u16(b, p));
        p += 2;
        while (p + 4 <= extEnd) {
            int type = Bytes.u16(b, p), length = Bytes.u16(b, p + 2);
            int data = p + 4;
            if (type == 0 && data + 5 <= extEnd) {             // server_name_list: list length, name_type host_name(0), name length
                int nameLength = Bytes.u16(b, data + 3);
                if (Bytes.u8(b, data + 2) == 0 && data + 5 + nameLength <= extEnd)
                    f.put("tls.handshake.extensions_server_name", new String(b, data + 5, nameLength, StandardCharsets.US_ASCII));
                return;
            }
            p = data + length;
        }
    }
}
