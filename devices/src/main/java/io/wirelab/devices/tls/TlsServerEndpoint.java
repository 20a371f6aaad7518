package io.wirelab.devices.tls;

import io.wirelab.devices.stream.ByteStream;
import io.wirelab.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

/** The TLS server side: one lab-CA certificate, ECDSA suites for 1.2 and the 1.3 suites, ALPN http/1.1. */
public final class TlsServerEndpoint {
    private static final int[] SUITES = {
            CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256};

    private final LabCa.ServerIdentity identity;
    private final TlsVersions versions;
    private final SecureRandom random;
    private final KeyLogSink keyLog;
    private final List<Handshake> handshakes = new ArrayList<>();
    private final CertificateCache certificates = new CertificateCache();
    private Certificate tls13Chain, tls12Chain;

    public TlsServerEndpoint(Simulator sim, String randomName, LabCa.ServerIdentity identity, TlsVersions versions, KeyLogSink keyLog) {
        this.identity = identity;
        this.versions = versions;
        this.random = new SeededSecureRandom(sim.random(randomName));
        this.keyLog = keyLog;
    }

    /** What a completed server handshake negotiated: "TLSv1.3", suite, ALPN ("" if none), SNI ("" if none). */
    public record Handshake(String version, int cipherSuite, String alpn, String sni) {}

    public List<Handshake> handshakes() { return Collections.unmodifiableList(handshakes); }

    /** Wraps an accepted stream; the returned stream carries plaintext once the handshake is done. */
    public TlsStream accept(ByteStream raw) {
        TlsServerProtocol protocol = new TlsServerProtocol();
        TlsStream stream = new TlsStream(raw, protocol);
        Server server = new Server(new DeterministicTlsCrypto(random, certificates), stream);
        stream.start(() -> protocol.accept(server));
        return stream;
    }

    /** The Certificate message's list for TLS 1.3 (RFC 8446 §4.4.2: entries, empty context), built once. */
    private Certificate tls13Chain() throws IOException {
        if (tls13Chain == null) {
            CertificateEntry[] entries = new CertificateEntry[identity.chainDer().size()];
            for (int i = 0; i < entries.length; i++) entries[i] = new CertificateEntry(certificates.certificate(identity.chainDer().get(i)), null);
            tls13Chain = new Certificate(TlsUtils.EMPTY_BYTES, entries);
        }
        return tls13Chain;
    }

    private Certificate tls12Chain() throws IOException {
        if (tls12Chain == null) {
            TlsCertificate[] chain = new TlsCertificate[identity.chainDer().size()];
            for (int i = 0; i < chain.length; i++) chain[i] = certificates.certificate(identity.chainDer().get(i));
            tls12Chain = new Certificate(chain);
        }
        return tls12Chain;
    }

    private final class Server extends DefaultTlsServer {
        private final TlsStream stream;

        Server(DeterministicTlsCrypto crypto, TlsStream stream) {
            super(crypto);
            this.stream = stream;
        }

        @Override protected ProtocolVersion[] getSupportedVersions() { return versions.versions(); }

        @Override protected int[] getSupportedCipherSuites() { return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES); }

        @Override protected Vector<ProtocolName> getProtocolNames() {
            Vector<ProtocolName> names = new Vector<>();
            names.add(ProtocolName.HTTP_1_1);
            return names;
        }

        @Override public TlsCredentials getCredentials() throws IOException {
            var crypto = (DeterministicTlsCrypto) getCrypto();
            Certificate certificate = TlsUtils.isTLSv13(context.getServerVersion()) ? tls13Chain() : tls12Chain();
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, identity.privateKey(),
                    certificate, SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }

        @Override public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            var p = context.getSecurityParametersConnection();
            Secrets.logApplication(p, keyLog);
            String sni = "";
            Vector<?> names = p.getClientServerNames();
            if (names != null && !names.isEmpty())
                sni = new String(((ServerName) names.getFirst()).getNameData(), StandardCharsets.US_ASCII);
            handshakes.add(new Handshake(p.getNegotiatedVersion().getName(), p.getCipherSuite(),
                    p.getApplicationProtocol() == null ? "" : p.getApplicationProtocol().getUtf8Decoding(), sni));
            stream.handshakeCompleted();
        }
    }
}
