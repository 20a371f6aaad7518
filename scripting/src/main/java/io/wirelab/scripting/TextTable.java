package io.wirelab.scripting;

import java.util.List;

/** Aligned text tables for what scripts print: a header row, then rows, columns two spaces apart. */
public final class TextTable {
    private TextTable() {}

    public static String of(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length && i < r.size(); i++) width[i] = Math.max(width[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        for (List<String> r : rows) line(sb, r, width);
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            l.append(c);
            if (i < width.length - 1) l.append(" ".repeat(width[i] - c.length() + 2));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
