package io.wirelab.console;

/**
 * Decides whether console input is a complete Groovy statement or needs more lines: open brackets,
 * an open triple-quoted string or block comment, or a trailing operator, comma or backslash.
 */
public final class InputCompleteness {
    private InputCompleteness() {}

    /** True when text cannot be complete yet, so the console asks for another line. */
    public static boolean needsMore(String text) {
        int depth = 0;
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("'''", i) || text.startsWith("\"\"\"", i)) {
                int end = text.indexOf(text.substring(i, i + 3), i + 3);
                if (end < 0) return true;
                i = end + 3;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') j += text.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) return true;
                i = end + 2;
            } else {
                if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                i++;
            }
        }
        if (depth > 0) return true;
        String t = stripLineComment(text).stripTrailing();
        if (t.isEmpty()) return false;
        if (t.endsWith("\\")) return true;
        if (t.endsWith("++") || t.endsWith("--")) return false;
        char last = t.charAt(t.length() - 1);
        return ",.=+-*/%&|^<>?:!~".indexOf(last) >= 0 && !t.endsWith("->") && !t.startsWith(":");
    }

    private static String stripLineComment(String text) {
        int nl = text.lastIndexOf('\n');
        String lastLine = text.substring(nl + 1);
        int c = lastLine.indexOf("//");
        if (c < 0 || lastLine.substring(0, c).chars().filter(ch -> ch == '\'' || ch == '"').count() % 2 != 0) return text;
        return text.substring(0, nl + 1) + lastLine.substring(0, c);
    }
}
