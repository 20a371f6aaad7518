package io.wirelab.devices.tls;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsNonceGenerator;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's lightweight TLS crypto with all randomness from one SecureRandom. BC seeds each
 * context's nonce generator (hello randoms, session ids) with System.nanoTime() and a global
 * counter; this subclass drops that extra material so the same seed gives the same bytes. X.509
 * certificates a peer sends come from the lab's {@link CertificateCache}.
 */
public final class DeterministicTlsCrypto extends BcTlsCrypto {
    private final CertificateCache certificates;

    public DeterministicTlsCrypto(SecureRandom random, CertificateCache certificates) {
        super(random);
        this.certificates = certificates;
    }

    @Override public TlsNonceGenerator createNonceGenerator(byte[] additionalSeedMaterial) {
        return super.createNonceGenerator(new byte[0]);
    }

    @Override public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        return type == CertificateType.X509 ? certificates.certificate(encoding) : super.createCertificate(type, encoding);
    }
}
