package io.wirelab.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * A deterministic random stream owned by one component. Streams are derived from the lab seed and
 * the component's name, so adding a device never changes the numbers another device draws.
 */
public final class SimRandom {
    private final String name;
    private final long labSeed;
    /** Derived at the first draw: most streams (a link without loss, a host that never pings) draw nothing. */
    private SplittableRandom random;

    private SimRandom(String name, long labSeed) {
        this.name = name;
        this.labSeed = labSeed;
    }

    public static SimRandom derive(long labSeed, String component) { return new SimRandom(component, labSeed); }

    private SplittableRandom random() {
        if (random == null) random = new SplittableRandom(mix(labSeed, name));
        return random;
    }

    public String name() { return name; }
    public long nextLong() { return random().nextLong(); }
    public int nextInt() { return random().nextInt(); }
    /** Uniform in [0, bound). */
    public int nextInt(int bound) { return random().nextInt(bound); }
    /** Uniform in [origin, bound). */
    public long nextLong(long origin, long bound) { return random().nextLong(origin, bound); }
    /** Uniform in [0, 1). */
    public double nextDouble() { return random().nextDouble(); }
    /** True with the given probability; draws nothing when p <= 0, so disabled impairments cost no randomness. */
    public boolean chance(double p) { return p > 0 && (p >= 1 || random().nextDouble() < p); }
    public void nextBytes(byte[] out) { random().nextBytes(out); }

    private static long mix(long seed, String component) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 7; i >= 0; i--) sha.update((byte) (seed >>> (8 * i)));
            sha.update(component.getBytes(StandardCharsets.UTF_8));
            byte[] d = sha.digest();
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
