package io.wirelab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The columns block read back as the page reads it: header, 8-byte aligned little-endian columns, JSON. */
class ColumnsTest {
    private static final Pattern COLUMN = Pattern.compile("\\{\"length\":(\\d+),\"name\":\"(\\w+)\",\"offset\":(\\d+),\"type\":\"(\\w+)\"}");

    @Test void numbersAndJsonComeBackAtAlignedOffsets() {
        String block = new Columns().i32("odd", new int[] {-1, 7, 1 << 30}).f64("times", new long[] {0, 123_456_789_012L, -5, (1L << 53) - 1})
                .json("labels", List.of("SYN", "GET /", "<b>")).text("info", List.of("", "ü → x", "GET /")).encoded();
        Map<String, String> c = unpack(block);
        assertThat(c).containsOnlyKeys("odd", "times", "labels", "info");
        assertThat(c.get("info")).isEqualTo("[, ü → x, GET /]");
        assertThat(c.get("odd")).isEqualTo("[-1, 7, 1073741824]");
        assertThat(c.get("times")).isEqualTo("[0.0, 1.23456789012E11, -5.0, 9.007199254740991E15]");
        assertThat(c.get("labels")).isEqualTo("[\"SYN\",\"GET /\",\"\\u003cb\\u003e\"]");
        assertThat(block).isEqualTo(new Columns().i32("odd", new int[] {-1, 7, 1 << 30}).f64("times", new long[] {0, 123_456_789_012L, -5, (1L << 53) - 1})
                .json("labels", List.of("SYN", "GET /", "<b>")).text("info", List.of("", "ü → x", "GET /")).encoded()).as("deterministic");
    }

    @Test void refusesIntegersADoubleCannotHold() {
        assertThatThrownBy(() -> new Columns().f64("t", new long[] {1L << 53})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t holds");
    }

    /** The text of the HTML element with this id (a script element of report.html). */
    static String element(String html, String id) {
        int from = html.indexOf('>', html.indexOf("id=\"" + id + "\"")) + 1;
        return html.substring(from, html.indexOf("</script>", from));
    }

    /** Each column as text: numbers as a Java array prints them, JSON as it is; checks every offset is 8-byte aligned. */
    static Map<String, String> unpack(String block) {
        byte[] raw;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(block.trim())))) {
            raw = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int headLength = b.getInt(0), start = (4 + headLength + 7) & ~7;
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = COLUMN.matcher(new String(raw, 4, headLength, StandardCharsets.UTF_8));
        while (m.find()) {
            int length = Integer.parseInt(m.group(1)), at = start + Integer.parseInt(m.group(3));
            assertThat(at % 8).as(m.group(2) + " aligned").isZero();
            out.put(m.group(2), switch (m.group(4)) {
                case "f64" -> { double[] v = new double[length]; b.slice(at, 8 * length).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v); yield java.util.Arrays.toString(v); }
                case "i32" -> { int[] v = new int[length]; b.slice(at, 4 * length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v); yield java.util.Arrays.toString(v); }
                case "text" -> {
                    List<String> v = new java.util.ArrayList<>();
                    int bytes = at + 4 * (length + 1);
                    for (int i = 0; i < length; i++) {
                        int from = b.getInt(at + 4 * i), to = b.getInt(at + 4 * i + 4);
                        v.add(new String(raw, bytes + from, to - from, StandardCharsets.UTF_8));
                    }
                    yield v.toString();
                }
                default -> new String(raw, at, length, StandardCharsets.UTF_8);
            });
        }
        return out;
    }
}
