package io.wirelab.devices.tls;

import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.TlsNonceGenerator;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's lightweight TLS crypto with all randomness from one SecureRandom. BC seeds each
 * context's nonce generator (hello randoms, session ids) with System.nanoTime() and a global
 * counter; this subclass drops that extra material so the same seed gives the same bytes.
 */
public final class DeterministicTlsCrypto extends BcTlsCrypto {
    public DeterministicTlsCrypto(SecureRandom random) { super(random); }

    @Override public TlsNonceGenerator createNonceGenerator(byte[] additionalSeedMaterial) {
        return super.createNonceGenerator(new byte[0]);
    }
}
