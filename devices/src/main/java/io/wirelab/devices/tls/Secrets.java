package io.wirelab.devices.tls;

import java.util.HexFormat;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.AbstractTlsSecret;

/** Never instantiated: subclassing only grants access to copyData. Reads TLS secrets without destroying them (TlsSecret.extract() would) and formats NSS key log lines. */
abstract class Secrets extends AbstractTlsSecret {
    private Secrets() { super(new byte[0]); }

    static byte[] bytes(TlsSecret s) { return copyData((AbstractTlsSecret) s); }

    private static String line(String label, byte[] clientRandom, TlsSecret s) {
        HexFormat hex = HexFormat.of();
        return label + " " + hex.formatHex(clientRandom) + " " + hex.formatHex(bytes(s));
    }

    /** TLS 1.3 handshake traffic secrets; valid while EncryptedExtensions is processed (RFC 8446 §7.1). */
    static void logHandshake(SecurityParameters p, KeyLogSink sink) {
        if (!TlsUtils.isTLSv13(p.getNegotiatedVersion())) return;
        sink.accept(line("CLIENT_HANDSHAKE_TRAFFIC_SECRET", p.getClientRandom(), p.getTrafficSecretClient()));
        sink.accept(line("SERVER_HANDSHAKE_TRAFFIC_SECRET", p.getClientRandom(), p.getTrafficSecretServer()));
    }

    /** TLS 1.3 application secrets + exporter, or the TLS 1.2 master secret (NSS key log format). */
    static void logApplication(SecurityParameters p, KeyLogSink sink) {
        if (TlsUtils.isTLSv13(p.getNegotiatedVersion())) {
            sink.accept(line("CLIENT_TRAFFIC_SECRET_0", p.getClientRandom(), p.getTrafficSecretClient()));
            sink.accept(line("SERVER_TRAFFIC_SECRET_0", p.getClientRandom(), p.getTrafficSecretServer()));
            if (p.getExporterMasterSecret() != null)
                sink.accept(line("EXPORTER_SECRET", p.getClientRandom(), p.getExporterMasterSecret()));
        } else {
            sink.accept(line("CLIENT_RANDOM", p.getClientRandom(), p.getMasterSecret()));
        }
    }
}
