package io.wirelab.fuzz;

import io.wirelab.pcap.PcapReader;
import io.wirelab.pcap.PcapRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings and seeds shared by the fuzz tests. -Dfuzz.iterations=N sets how many inputs each
 * fuzzer runs (default: a few seconds' worth in ./mvnw verify); -Dfuzz.seed=S changes the sequence.
 */
public final class Fuzz {
    private Fuzz() {}

    /** The reference captures the fuzzers mutate (emulator-core/src/test/resources/captures). */
    public static final List<String> CAPTURES = List.of("arp-icmp.pcapng", "dhcp-dora-renew.pcapng", "dns.pcapng",
            "http-keepalive.pcapng", "https-tls12.pcapng", "https-tls13-dsb.pcapng", "https-tls13.pcapng",
            "nagle-delayed-ack.pcapng", "tcp-bulk-loss.pcapng", "tcp-close-variants.pcapng");

    public static int iterations(int byDefault) { return Integer.getInteger("fuzz.iterations", byDefault); }

    public static long seed() { return Long.getLong("fuzz.seed", 12); }

    /** The bytes of one reference capture file. */
    public static byte[] capture(String name) {
        try (InputStream in = Fuzz.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /captures/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every frame of every reference capture, in file order. */
    public static List<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        for (String c : CAPTURES) for (PcapRecord r : PcapReader.read(capture(c)).records()) out.add(r.data());
        return out;
    }
}
