package io.wirelab.pcap;

import java.nio.charset.StandardCharsets;

/** A pcapng Decryption Secrets Block: its secrets type (e.g. 0x544c534b "TLSK") and the payload. */
public record DecryptionSecrets(int type, byte[] data) {
    public String text() { return new String(data, StandardCharsets.UTF_8); }
}
