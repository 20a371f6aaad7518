package io.wirelab.report;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** An NSS key log (the captures' Decryption Secrets Block, or keys.log): secrets by client random and label. */
final class TlsKeys {
    private final Map<String, Map<String, byte[]>> byRandom = new HashMap<>();

    static TlsKeys parse(String keyLog) {
        TlsKeys k = new TlsKeys();
        for (String line : keyLog.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length != 3 || line.startsWith("#")) continue;
            try {
                k.byRandom.computeIfAbsent(w[1].toLowerCase(java.util.Locale.ROOT), r -> new HashMap<>()).put(w[0], HexFormat.of().parseHex(w[2]));
            } catch (IllegalArgumentException e) {
                // not a key line: skipped, as Wireshark does
            }
        }
        return k;
    }

    /** The secret of this label ("CLIENT_TRAFFIC_SECRET_0") for the connection with this client random, or null. */
    byte[] secret(String clientRandomHex, String label) {
        Map<String, byte[]> m = byRandom.get(clientRandomHex);
        return m == null ? null : m.get(label);
    }
}
