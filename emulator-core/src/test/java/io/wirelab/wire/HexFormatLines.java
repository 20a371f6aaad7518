package io.wirelab.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Loads test vectors written as "frameNumber<TAB>hex" lines; '#' lines are comments. */
public final class HexFormatLines {
    private HexFormatLines() {}

    public static Map<Integer, byte[]> load(String resource) {
        try (InputStream in = HexFormatLines.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            Map<Integer, byte[]> out = new TreeMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split("\\s+");
                out.put(Integer.parseInt(f[0]), HexFormat.of().parseHex(f[1]));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
