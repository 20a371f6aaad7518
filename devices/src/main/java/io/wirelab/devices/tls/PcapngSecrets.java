package io.wirelab.devices.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Puts a TLS key log into a finished pcapng file as one Decryption Secrets Block right after the
 * Section Header Block, like `editcap --inject-secrets tls,keys`. Wireshark applies secrets only to
 * sessions whose handshake it dissects after reading them, so a DSB written when the keys became
 * known (after the ServerHello) decrypts nothing in tshark 4.0; the block must precede the packets.
 * TLS key log DSBs already in the file are merged into the new one.
 */
public final class PcapngSecrets {
    static final int SHB = 0x0A0D0D0A;
    static final int DSB = 0x0000000A;
    static final int TLS_KEY_LOG = 0x544c534b;                                      // "TLSK", pcapng §4.7

    private PcapngSecrets() {}

    /** Rewrites file in place; returns the number of key log lines it now carries. */
    public static int inject(Path file, String nssKeyLog) throws IOException {
        byte[] in = Files.readAllBytes(file);
        if (in.length < 28 || ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).getInt(0) != SHB)
            throw new IOException(file + " is not a pcapng file");
        ByteOrder order = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).getInt(8) == 0x1A2B3C4D
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(in).order(order);
        Set<String> lines = new LinkedHashSet<>();
        ByteArrayOutputStream rest = new ByteArrayOutputStream(in.length);
        int shbLength = b.getInt(4);
        int at = shbLength;
        while (at + 12 <= in.length) {
            int type = b.getInt(at);
            int length = b.getInt(at + 4);
            if (length < 12 || length % 4 != 0 || at + length > in.length) throw new IOException("bad block at " + at);
            if (type == SHB) throw new IOException("more than one section: not supported");
            if (type == DSB && b.getInt(at + 8) == TLS_KEY_LOG) {
                int n = b.getInt(at + 12);
                addLines(lines, new String(in, at + 16, n, StandardCharsets.US_ASCII));
            } else {
                rest.write(in, at, length);
            }
            at += length;
        }
        addLines(lines, nssKeyLog);
        StringBuilder text = new StringBuilder();
        for (String l : lines) text.append(l).append('\n');
        byte[] secrets = text.toString().getBytes(StandardCharsets.US_ASCII);
        int padded = (secrets.length + 3) & ~3;
        ByteBuffer dsb = ByteBuffer.allocate(20 + padded).order(order);
        dsb.putInt(DSB).putInt(20 + padded).putInt(TLS_KEY_LOG).putInt(secrets.length).put(secrets);
        dsb.position(16 + padded);
        dsb.putInt(20 + padded);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + dsb.capacity());
        out.write(in, 0, shbLength);
        if (!lines.isEmpty()) out.write(dsb.array());
        rest.writeTo(out);
        Files.write(file, out.toByteArray());
        return lines.size();
    }

    private static void addLines(Set<String> lines, String text) {
        for (String l : text.split("\n")) if (!l.isBlank() && !l.startsWith("#")) lines.add(l.strip());
    }
}
