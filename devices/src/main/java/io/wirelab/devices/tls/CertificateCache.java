package io.wirelab.devices.tls;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * What a lab's TLS endpoints parse and check once instead of at every handshake: certificates by
 * their DER bytes, each with its decoded public key (so BouncyCastle's precomputation for a server's
 * ECDSA key serves every later CertificateVerify), and trust stores by their certificates, each
 * remembering which chains passed path validation ({@link TrustStore}). Pure functions of the bytes:
 * sharing them changes no result and draws no randomness.
 */
public final class CertificateCache {
    static final int MAX_ENTRIES = 4_096;                   // distinct certificates or trust stores; beyond, no caching

    private final BcTlsCrypto crypto = new BcTlsCrypto(new NoRandom());
    private final Map<Der, SharedCertificate> certificates = new HashMap<>();
    private final Map<List<Der>, TrustStore> trustStores = new HashMap<>();

    /** The certificate with these DER bytes, parsed at its first use. IOException when they are not one. */
    public TlsCertificate certificate(byte[] der) throws IOException {
        Der key = new Der(der);
        SharedCertificate known = certificates.get(key);
        if (known != null) return known;
        SharedCertificate parsed = new SharedCertificate(crypto, key.bytes());
        if (certificates.size() < MAX_ENTRIES) certificates.put(key, parsed);
        return parsed;
    }

    /** The trust store of these certificates (DER, in this order), the same one for the same bytes. */
    public TrustStore trustStore(List<byte[]> anchors) {
        List<Der> key = new ArrayList<>(anchors.size());
        for (byte[] der : anchors) key.add(new Der(der));
        TrustStore known = trustStores.get(key);
        if (known != null) return known;
        TrustStore store = new TrustStore(anchors);
        if (trustStores.size() < MAX_ENTRIES) trustStores.put(List.copyOf(key), store);
        return store;
    }

    /** DER bytes as a map key: equal when the bytes are. */
    record Der(byte[] bytes) {
        Der { bytes = bytes.clone(); }

        @Override public boolean equals(Object o) { return o instanceof Der d && Arrays.equals(bytes, d.bytes); }

        @Override public int hashCode() { return Arrays.hashCode(bytes); }
    }

    /** A parsed certificate that keeps its encoding as received and its decoded public key. */
    private static final class SharedCertificate extends BcTlsCertificate {
        private final byte[] der;
        private AsymmetricKeyParameter publicKey;

        SharedCertificate(BcTlsCrypto crypto, byte[] der) throws IOException {
            super(crypto, der);
            this.der = der;
        }

        @Override public byte[] getEncoded() { return der.clone(); }

        @Override protected AsymmetricKeyParameter getPublicKey() throws IOException {
            if (publicKey == null) publicKey = super.getPublicKey();
            return publicKey;
        }
    }

    /** Verifying a certificate or a signature needs no randomness: a draw would be a bug, not a lab event. */
    private static final class NoRandom extends SecureRandom {
        @java.io.Serial private static final long serialVersionUID = 1L;

        NoRandom() { super(new Spi(), null); }

        private static final class Spi extends SecureRandomSpi {
            @java.io.Serial private static final long serialVersionUID = 1L;

            @Override protected void engineSetSeed(byte[] seed) { }

            @Override protected void engineNextBytes(byte[] bytes) { throw new IllegalStateException("certificate checks draw no randomness"); }

            @Override protected byte[] engineGenerateSeed(int n) { throw new IllegalStateException("certificate checks draw no randomness"); }
        }
    }
}
