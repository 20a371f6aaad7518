package io.wirelab.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A block of named columns as the page reads them without parsing JSON number by number: numbers as
 * little-endian Float64 or Int32 arrays (the browser's typed arrays view them in place), strings as
 * offsets and UTF-8 bytes (decoded one by one, when drawn), nested values as JSON. Layout: uint32 header length, the header (JSON: each column's name, type,
 * byte offset and length), then the columns, each at an offset that is a multiple of 8; the whole
 * block gzip-compressed and base64-encoded for an HTML script element. Deterministic.
 */
final class Columns {
    /** Integers up to 2^53 are exact in a Float64 (lab times in ns: 104 days). */
    private static final long EXACT = 1L << 53;

    private final List<Map<String, Object>> header = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private int size;

    Columns f64(String name, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            if (v >= EXACT || v <= -EXACT) throw new IllegalArgumentException(name + " holds " + v + ", beyond a double's exact integers");
            b.putDouble(v);
        }
        return add(name, "f64", values.length, b.array());
    }

    /** Int32 when every value fits, else Float64: the page reads both alike. */
    Columns ints(String name, long[] values) {
        for (long v : values) if (v != (int) v) return f64(name, values);
        int[] narrow = new int[values.length];
        for (int i = 0; i < values.length; i++) narrow[i] = (int) values[i];
        return i32(name, narrow);
    }

    Columns i32(String name, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) b.putInt(v);
        return add(name, "i32", values.length, b.array());
    }

    /** Strings the page decodes one at a time: (n + 1) Int32 offsets into the UTF-8 bytes that follow them. */
    Columns text(String name, List<String> values) {
        byte[][] utf8 = new byte[values.size()][];
        int bytes = 0;
        for (int i = 0; i < utf8.length; i++) bytes += (utf8[i] = values.get(i).getBytes(StandardCharsets.UTF_8)).length;
        ByteBuffer b = ByteBuffer.allocate(4 * (utf8.length + 1) + bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        for (byte[] u : utf8) { b.putInt(at); at += u.length; }
        b.putInt(at);
        for (byte[] u : utf8) b.put(u);
        return add(name, "text", utf8.length, b.array());
    }

    /**
     * A tree of maps and lists as JSON in which every long[] is replaced by {"column": k} and stored as
     * the number column "name.k" (see {@link #ints}): the page parses only the tree's skeleton.
     */
    Columns tree(String name, Object value) {
        List<long[]> arrays = new ArrayList<>();
        Object skeleton = skeleton(value, arrays);
        json(name, skeleton);
        for (int k = 0; k < arrays.size(); k++) ints(name + "." + k, arrays.get(k));
        return this;
    }

    private static Object skeleton(Object v, List<long[]> arrays) {
        return switch (v) {
            case long[] a -> {
                arrays.add(a);
                yield Map.of("column", arrays.size() - 1);
            }
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) out.put(e.getKey(), skeleton(e.getValue(), arrays));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object x : l) out.add(skeleton(x, arrays));
                yield out;
            }
            case null -> null;
            default -> v;
        };
    }

    Columns json(String name, Object value) {
        byte[] text = Json.write(value).getBytes(StandardCharsets.UTF_8);
        return add(name, "json", text.length, text);
    }

    private Columns add(String name, String type, int length, byte[] bytes) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", name);
        h.put("type", type);
        h.put("offset", size);
        h.put("length", length);
        header.add(h);
        data.add(bytes);
        size += padded(bytes.length);
        return this;
    }

    private static int padded(int n) { return (n + 7) & ~7; }

    /** The block, gzip-compressed and base64-encoded. */
    String encoded() {
        byte[] head = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int start = padded(4 + head.length);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            gz.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(head.length).array());
            gz.write(head);
            gz.write(new byte[start - 4 - head.length]);
            for (byte[] d : data) {
                gz.write(d);
                gz.write(new byte[padded(d.length) - d.length]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
