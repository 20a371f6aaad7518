package io.wirelab.report;

import io.wirelab.report.Packets.Packet;
import io.wirelab.wire.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One direction of a TLS connection (RFC 8446 §5.1 records): names the handshake messages, finds
 * the client random and the negotiated suite, and with the key log decrypts TLS 1.3 records, so the
 * HTTP inside is labelled like plain HTTP (Wireshark with the key log shows the same).
 */
final class TlsStream extends AppStream {
    private final TlsSession session;
    private final boolean fromClient;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Packet recordCarrier;
    private TlsSession.Protection protection;
    private boolean applicationKeys, lost;
    private final HttpText inner = new HttpText("");

    TlsStream(TlsSession session, boolean fromClient) {
        this.session = session;
        this.fromClient = fromClient;
    }

    @Override void accept(byte[] b, int off, int len, Packet carrier) {
        for (int i = off; i < off + len && !lost; ) {
            if (buffer.size() == 0) recordCarrier = carrier;
            int need = buffer.size() < 5 ? 5 - buffer.size() : 5 + recordLength() - buffer.size();
            int n = Math.min(need, off + len - i);
            buffer.write(b, i, n);
            i += n;
            if (buffer.size() == 5 && recordLength() > (1 << 14) + 256) { lost = true; return; }   // RFC 8446 §5.2 bound
            if (buffer.size() >= 5 && buffer.size() == 5 + recordLength()) {
                record(buffer.toByteArray(), recordCarrier);
                buffer.reset();
            }
        }
    }

    private int recordLength() {
        byte[] h = buffer.toByteArray();
        return Bytes.u16(h, 3);
    }

    private void record(byte[] r, Packet carrier) {
        int type = r[0] & 0xff;
        byte[] body = java.util.Arrays.copyOfRange(r, 5, r.length);
        switch (type) {
            case 20 -> label(carrier, "ChangeCipherSpec", "TLS record: Change Cipher Spec");
            case 21 -> label(carrier, "Alert", "TLS record: Alert, level " + (body.length > 0 ? body[0] : -1) + ", description " + (body.length > 1 ? body[1] : -1));
            case 22 -> handshake(body, carrier, false);
            case 23 -> application(r, body, carrier);
            default -> label(carrier, "TLS record type " + type, "TLS record: type " + type + ", length " + body.length);
        }
    }

    private void application(byte[] record, byte[] body, Packet carrier) {
        if (protection == null && !applicationKeys) protection = session.protection(fromClient ? "CLIENT_HANDSHAKE_TRAFFIC_SECRET" : "SERVER_HANDSHAKE_TRAFFIC_SECRET");
        byte[] plain = protection == null ? null : protection.open(java.util.Arrays.copyOf(record, 5), body);
        if (plain == null) {
            label(carrier, "Application Data", "TLS record: Application Data, " + body.length + " bytes (not decrypted: no key for it in the key log)");
            return;
        }
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) end--;             // RFC 8446 §5.4 padding
        if (end == 0) return;
        int inner = plain[end - 1] & 0xff;
        byte[] content = java.util.Arrays.copyOf(plain, end - 1);
        carrier.marks |= Packets.MARK_DECRYPTED;
        switch (inner) {
            case 22 -> handshake(content, carrier, true);
            case 23 -> {
                int before = carrier.app.size();
                this.inner.accept(content, 0, content.length, carrier);
                if (carrier.app.size() == before) label(carrier, null, "TLS record: Application Data, " + content.length + " bytes decrypted");
            }
            case 21 -> label(carrier, content.length > 1 && content[1] == 0 ? "Alert close_notify" : "Alert " + (content.length > 1 ? content[1] : -1),
                    "TLS record: Alert (decrypted), level " + (content.length > 0 ? content[0] : -1) + ", description " + (content.length > 1 ? content[1] : -1));
            default -> label(carrier, "TLS inner type " + inner, "TLS record: inner content type " + inner);
        }
    }

    /** Handshake messages (RFC 8446 §4): their names; ClientHello and ServerHello give the random, version and suite. */
    private void handshake(byte[] b, Packet carrier, boolean encrypted) {
        List<String> names = new ArrayList<>();
        StringBuilder detail = new StringBuilder(encrypted ? "TLS handshake (decrypted)" : "TLS handshake");
        boolean finished = false;
        for (int i = 0; i + 4 <= b.length; ) {
            int type = b[i] & 0xff, len = ((b[i + 1] & 0xff) << 16) | Bytes.u16(b, i + 2);
            int body = i + 4;
            if (body + len > b.length) {
                names.add(name(type) + " (continued)");
                break;
            }
            names.add(name(type));
            detail.append('\n').append(name(type)).append(", ").append(len).append(" bytes");
            if (type == 1 && len >= 34) {
                session.clientRandom = HexFormat.of().formatHex(b, body + 2, body + 34);
                detail.append("\n  Random: ").append(session.clientRandom);
            }
            if (type == 2 && len >= 38) serverHello(b, body, len, detail);
            if (type == 20) finished = true;
            i = body + len;
        }
        label(carrier, String.join(", ", names), detail.toString());
        if (finished && encrypted) {
            // RFC 8446 §7.1: after its Finished each side protects records with the application traffic secret
            applicationKeys = true;
            protection = session.protection(fromClient ? "CLIENT_TRAFFIC_SECRET_0" : "SERVER_TRAFFIC_SECRET_0");
        }
    }

    private void serverHello(byte[] b, int body, int len, StringBuilder detail) {
        int sid = b[body + 34] & 0xff;
        int at = body + 35 + sid;
        if (at + 3 > body + len) return;
        session.cipherSuite = Bytes.u16(b, at);
        detail.append("\n  Cipher suite: 0x").append(String.format("%04x", session.cipherSuite));
        int ext = at + 3;
        if (ext + 2 > body + len) return;
        int extEnd = Math.min(body + len, ext + 2 + Bytes.u16(b, ext));
        for (int e = ext + 2; e + 4 <= extEnd; ) {
            int type = Bytes.u16(b, e), elen = Bytes.u16(b, e + 2);
            if (type == 43 && elen == 2 && e + 6 <= extEnd && Bytes.u16(b, e + 4) == 0x0304) session.tls13 = true;   // supported_versions
            e += 4 + elen;
        }
        detail.append("\n  Version: ").append(session.tls13 ? "TLS 1.3" : "TLS 1.2 or older");
    }

    private static void label(Packet carrier, String label, String detail) {
        if (label != null) carrier.app.add(label);
        carrier.appDetail.add(detail);
    }

    /** RFC 8446 §4 and RFC 5246 §7.4 message names as Wireshark prints them. */
    static String name(int type) {
        return switch (type) {
            case 0 -> "HelloRequest";
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 4 -> "NewSessionTicket";
            case 5 -> "EndOfEarlyData";
            case 8 -> "EncryptedExtensions";
            case 11 -> "Certificate";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 15 -> "CertificateVerify";
            case 16 -> "ClientKeyExchange";
            case 20 -> "Finished";
            case 24 -> "KeyUpdate";
            default -> "Handshake type " + type;
        };
    }
}
