package io.wirelab.wire;

import java.io.ByteArrayOutputStream;

/** Hex text for tests and golden files. `#` starts a comment to the end of the line. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int nibble = -1;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') { comment = false; continue; }
            if (comment) continue;
            if (c == '#') { comment = true; continue; }
            int d = Character.digit(c, 16);
            if (d < 0) continue;
            if (nibble < 0) nibble = d;
            else { out.write((nibble << 4) | d); nibble = -1; }
        }
        if (nibble >= 0) throw new IllegalArgumentException("odd number of hex digits");
        return out.toByteArray();
    }

    public static String of(byte[] b, int offset, int length) {
        StringBuilder sb = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(Character.forDigit((b[offset + i] >> 4) & 0xf, 16)).append(Character.forDigit(b[offset + i] & 0xf, 16));
        }
        return sb.toString();
    }

    public static String of(byte[] b) { return of(b, 0, b.length); }
}
