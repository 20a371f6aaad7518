package io.wirelab.wire.filter;

import java.util.ArrayList;
import java.util.List;

/** Splits display-filter text into tokens, each with its offset. */
final class FilterLexer {
    enum Kind { WORD, STRING, SYMBOL, END }

    record Token(Kind kind, String text, int offset) {
        boolean is(String s) { return kind != Kind.STRING && text.equals(s); }
    }

    private FilterLexer() {}

    private static final List<String> SYMBOLS = List.of("&&", "||", "==", "!=", ">=", "<=", "(", ")", "{", "}", "!", ">", "<", "~", ",");

    static List<Token> tokens(String text) throws FilterException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        outer:
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                int start = i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    char d = text.charAt(i++);
                    if (d == '\\') {
                        if (i >= text.length()) break;
                        char e = text.charAt(i++);
                        sb.append(switch (e) { case 'n' -> '\n'; case 'r' -> '\r'; case 't' -> '\t'; default -> e; });
                    } else {
                        sb.append(d);
                    }
                }
                if (i >= text.length()) throw new FilterException(start, "the string has no closing quote");
                i++;
                out.add(new Token(Kind.STRING, sb.toString(), start));
                continue;
            }
            for (String s : SYMBOLS) {
                if (text.startsWith(s, i)) {
                    out.add(new Token(Kind.SYMBOL, s, i));
                    i += s.length();
                    continue outer;
                }
            }
            if (isWordChar(c)) {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) i++;
                out.add(new Token(Kind.WORD, text.substring(start, i), start));
                continue;
            }
            throw new FilterException(i, "unexpected character '" + c + "'");
        }
        out.add(new Token(Kind.END, "", text.length()));
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
    }
}
