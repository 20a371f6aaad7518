package io.wirelab.devices.tls;

import io.wirelab.sim.SimRandom;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A SecureRandom whose every byte comes from a lab-seeded SimRandom, so keys, TLS randoms and key
 * shares repeat with the seed. Not cryptographically strong: lab use only.
 */
public final class SeededSecureRandom extends SecureRandom {
    @java.io.Serial private static final long serialVersionUID = 1L;
    public SeededSecureRandom(SimRandom source) {
        super(new Spi(source), null);
    }

    private static final class Spi extends SecureRandomSpi {
        @java.io.Serial private static final long serialVersionUID = 1L;
        private final transient SimRandom source;           // never serialized: a lab-time stream

        Spi(SimRandom source) { this.source = source; }

        @Override protected void engineSetSeed(byte[] seed) { }                    // seeding cannot change the stream

        @Override protected void engineNextBytes(byte[] bytes) { source.nextBytes(bytes); }

        @Override protected byte[] engineGenerateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            source.nextBytes(b);
            return b;
        }
    }
}
